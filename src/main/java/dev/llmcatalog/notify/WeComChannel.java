package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.NotificationStore;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A WeCom (WeChat Work) group robot ({@code qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...}):
 * {@code msgtype: markdown} whose {@code content} may have at most 4096 UTF-8 bytes. Success is
 * {@code errcode == 0}; too long a content is a 200 with errcode 40058.
 */
final class WeComChannel implements Channel {
  static final int MAX_BYTES = 4096;
  private final JsonPost post;
  private final HttpUrl url;

  WeComChannel(JsonPost post, HttpUrl url) {
    this.post = post;
    this.url = url;
  }

  @Override
  public String host() {
    return url.host();
  }

  @Override
  public void send(NotificationStore.Draft m) throws DeliveryException {
    post.requireZero(post.post(url, body(m)), "errcode", "errmsg");
  }

  static ObjectNode body(NotificationStore.Draft m) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("msgtype", "markdown");
    body.putObject("markdown").put("content",
        Cut.toBytes("**" + m.subject() + "**\n\n" + m.body(), MAX_BYTES, Optional.ofNullable(m.summaryPath())));
    return body;
  }
}
