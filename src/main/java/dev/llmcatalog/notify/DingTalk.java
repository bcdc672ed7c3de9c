package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.NotificationStore;
import java.time.Clock;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A DingTalk custom robot ({@code oapi.dingtalk.com/robot/send?access_token=...}): {@code msgtype: markdown} with a
 * title and the summary, signed when the robot has a secret ({@code timestamp} in milliseconds and {@code sign} as
 * query parameters). Success is {@code errcode == 0} in a 200 answer; a bad signature, a blocked keyword or a rate
 * limit is a 200 with another errcode.
 */
final class DingTalk implements Bot {
  /** DingTalk documents no size for markdown; messages past about 20,000 bytes are refused, so cut below that. */
  static final int MAX_BYTES = 18_000;
  private final Optional<String> secret;
  private final Clock clock;

  DingTalk(Optional<String> secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
  }

  @Override
  public HttpUrl url(HttpUrl configured) {
    if (secret.isEmpty()) {
      return configured;
    }
    long timestamp = clock.millis();
    // OkHttp percent-encodes the query value (+, / and = of the Base64), which is the urlencode DingTalk asks for.
    return configured.newBuilder().addQueryParameter("timestamp", Long.toString(timestamp))
        .addQueryParameter("sign", Signatures.dingTalk(timestamp, secret.get())).build();
  }

  @Override
  public ObjectNode body(NotificationStore.Draft m) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("msgtype", "markdown");
    ObjectNode markdown = body.putObject("markdown");
    markdown.put("title", m.subject());
    markdown.put("text", Cut.toBytes(m.body(), MAX_BYTES, Optional.ofNullable(m.summaryPath())));
    return body;
  }

  @Override
  public void check(JsonPost post, Optional<JsonNode> answer) throws DeliveryException {
    post.requireZero(answer, "errcode", "errmsg");
  }
}
