package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.NotificationStore;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A Slack incoming webhook, or any service that takes its body ({@code {"text": ...}}: Mattermost, Rocket.Chat,
 * Discord's {@code /slack} endpoint). Slack answers 200 {@code ok}, and an error status otherwise; it truncates
 * a text past 40,000 characters, so a longer summary is cut here first, with a pointer to the file.
 */
final class SlackChannel implements Channel {
  static final int MAX_BYTES = 40_000;
  private final JsonPost post;
  private final HttpUrl url;

  SlackChannel(JsonPost post, HttpUrl url) {
    this.post = post;
    this.url = url;
  }

  @Override
  public String host() {
    return url.host();
  }

  @Override
  public void send(NotificationStore.Draft m) throws DeliveryException {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("text", Cut.toBytes(m.subject() + "\n\n" + m.body(), MAX_BYTES, Optional.ofNullable(m.summaryPath())));
    post.post(url, body);
  }
}
