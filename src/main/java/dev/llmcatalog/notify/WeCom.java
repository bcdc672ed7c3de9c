package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.NotificationStore;
import java.util.Optional;

/**
 * A WeCom (WeChat Work) group robot ({@code qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...}):
 * {@code msgtype: markdown} whose {@code content} may have at most 4096 UTF-8 bytes. Success is
 * {@code errcode == 0}; too long a content is a 200 with errcode 40058.
 */
final class WeCom implements Bot {
  static final int MAX_BYTES = 4096;

  @Override
  public ObjectNode body(NotificationStore.Draft m) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("msgtype", "markdown");
    body.putObject("markdown").put("content",
        Cut.toBytes("**" + m.subject() + "**\n\n" + m.body(), MAX_BYTES, Optional.ofNullable(m.summaryPath())));
    return body;
  }

  @Override
  public void check(JsonPost post, Optional<JsonNode> answer) throws DeliveryException {
    post.requireZero(answer, "errcode", "errmsg");
  }
}
