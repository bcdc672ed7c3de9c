package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.NotificationStore;
import java.time.Clock;
import java.util.Optional;

/**
 * A Feishu/Lark custom bot ({@code open.feishu.cn/open-apis/bot/v2/hook/...}): {@code msg_type} {@code text} or
 * {@code post} (a title and one paragraph per line), signed when the bot has a secret ({@code timestamp} in seconds
 * and {@code sign} in the body). Success is {@code code == 0} in the answer (older bots: {@code StatusCode == 0}); a
 * bad signature or a blocked keyword is a 200 with another code. The body may have at most 20 KB.
 */
final class Feishu implements Bot {
  /** Room for the text inside the 20 KB body, with its JSON escapes and the rest of the body. */
  static final int MAX_BYTES = 16_000;
  private final Optional<String> secret;
  private final boolean richText;
  private final Clock clock;

  Feishu(Optional<String> secret, boolean richText, Clock clock) {
    this.secret = secret;
    this.richText = richText;
    this.clock = clock;
  }

  @Override
  public ObjectNode body(NotificationStore.Draft m) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    secret.ifPresent(s -> {
      long timestamp = clock.instant().getEpochSecond();
      body.put("timestamp", Long.toString(timestamp));
      body.put("sign", Signatures.feishu(timestamp, s));
    });
    String text = Cut.toBytes(m.body(), MAX_BYTES, Optional.ofNullable(m.summaryPath()));
    if (richText) {
      body.put("msg_type", "post");
      ObjectNode zh = body.putObject("content").putObject("post").putObject("zh_cn");
      zh.put("title", m.subject());
      ArrayNode paragraphs = zh.putArray("content");
      text.lines().forEach(line -> paragraphs.addArray().addObject().put("tag", "text").put("text", line));
    } else {
      body.put("msg_type", "text");
      body.putObject("content").put("text", m.subject() + "\n\n" + text);
    }
    return body;
  }

  @Override
  public void check(JsonPost post, Optional<JsonNode> answer) throws DeliveryException {
    boolean legacy = answer.map(a -> !a.has("code") && a.has("StatusCode")).orElse(false);
    post.requireZero(answer, legacy ? "StatusCode" : "code", legacy ? "StatusMessage" : "msg");
  }
}
