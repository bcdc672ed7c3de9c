package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** POSTs a JSON body and reads the answer; what went wrong becomes a {@link DeliveryException} without secrets. */
final class JsonPost {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType TYPE = MediaType.get("application/json; charset=utf-8");
  /** Answers of chat bots are a few hundred bytes; an error page is cut to this for the message. */
  private static final int SHOWN = 200;

  private final OkHttpClient http;
  private final Redactor redactor;

  JsonPost(OkHttpClient http, Redactor redactor) {
    this.http = http;
    this.redactor = redactor;
  }

  /** The answer of a 2xx, as JSON when it is JSON; any other status fails. */
  Optional<JsonNode> post(HttpUrl url, ObjectNode body) throws DeliveryException {
    Request request = new Request.Builder().url(url).post(RequestBody.create(body.toString(), TYPE)).build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody answer = response.body();
      String text = answer == null ? "" : answer.string();
      if (!response.isSuccessful()) {
        throw new DeliveryException("HTTP " + response.code() + shown(text));
      }
      try {
        return Optional.ofNullable(JSON.readTree(text)).filter(JsonNode::isObject);
      } catch (IOException e) {
        return Optional.empty(); // Slack answers "ok" as plain text
      }
    } catch (DeliveryException e) {
      throw e;
    } catch (IOException e) {
      throw new DeliveryException(redactor.clean(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /**
   * Requires the bot's answer to say success: {@code field} is 0 (a bot answers 200 with an error code for a bad
   * signature, a blocked keyword or too long a message).
   */
  JsonNode requireZero(Optional<JsonNode> answer, String field, String message) throws DeliveryException {
    JsonNode json = answer.orElseThrow(() -> new DeliveryException("answer is not JSON (expected " + field + ")"));
    JsonNode code = json.get(field);
    if (code == null || !code.canConvertToLong()) {
      throw new DeliveryException("answer has no " + field + shown(json.toString()));
    }
    if (code.asLong() != 0) {
      JsonNode msg = json.get(message);
      throw new DeliveryException(field + " " + code.asText() + (msg == null ? "" : ": " + redactor.clean(msg.asText())));
    }
    return json;
  }

  private String shown(String text) {
    String t = redactor.clean(text).strip().replaceAll("\\s+", " ");
    if (t.isEmpty()) {
      return "";
    }
    return ": " + (t.length() > SHOWN ? t.substring(0, SHOWN) + "..." : t);
  }
}
