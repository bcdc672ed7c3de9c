package dev.llmcatalog.notify;

import dev.llmcatalog.store.NotificationStore;
import okhttp3.HttpUrl;

/** A webhook or chat bot that takes a JSON POST: the {@link Bot} says how its body and answer look. */
final class JsonChannel implements Channel {
  private final JsonPost post;
  private final HttpUrl url;
  private final Bot bot;

  JsonChannel(JsonPost post, HttpUrl url, Bot bot) {
    this.post = post;
    this.url = url;
    this.bot = bot;
  }

  @Override
  public String host() {
    return url.host();
  }

  @Override
  public void send(NotificationStore.Draft message) throws DeliveryException {
    bot.check(post, post.post(bot.url(url), bot.body(message)));
  }
}
