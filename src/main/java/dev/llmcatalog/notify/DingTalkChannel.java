package dev.llmcatalog.notify;

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
final class DingTalkChannel implements Channel {
  /** DingTalk documents no size for markdown; messages past about 20,000 bytes are refused, so cut below that. */
  static final int MAX_BYTES = 18_000;
  private final JsonPost post;
  private final HttpUrl url;
  private final Optional<String> secret;
  private final Clock clock;

  DingTalkChannel(JsonPost post, HttpUrl url, Optional<String> secret, Clock clock) {
    this.post = post;
    this.url = url;
    this.secret = secret;
    this.clock = clock;
  }

  @Override
  public String host() {
    return url.host();
  }

  @Override
  public void send(NotificationStore.Draft m) throws DeliveryException {
    post.requireZero(post.post(signed(), body(m)), "errcode", "errmsg");
  }

  HttpUrl signed() {
    if (secret.isEmpty()) {
      return url;
    }
    long timestamp = clock.millis();
    // OkHttp percent-encodes the query value (+, / and = of the Base64), which is the urlencode DingTalk asks for.
    return url.newBuilder().addQueryParameter("timestamp", Long.toString(timestamp))
        .addQueryParameter("sign", Signatures.dingTalk(timestamp, secret.get())).build();
  }

  static ObjectNode body(NotificationStore.Draft m) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("msgtype", "markdown");
    ObjectNode markdown = body.putObject("markdown");
    markdown.put("title", m.subject());
    markdown.put("text", Cut.toBytes(m.body(), MAX_BYTES, Optional.ofNullable(m.summaryPath())));
    return body;
  }
}
