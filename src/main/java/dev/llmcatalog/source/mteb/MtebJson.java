package dev.llmcatalog.source.mteb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.format.Mappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reading MTEB's answers: JSON with exact numbers, every refusal naming the source and the URL. */
final class MtebJson {
  private MtebJson() {}

  /** {@link Mappers#PYTHON_JSON} (exact numbers, NaN accepted); an HTML page (a login wall, an error page served with 200) is refused. */
  static JsonAnswer parse(Fetched fetched) throws FetchException {
    String url = fetched.finalUrl();
    String type = fetched.contentType();
    String start = new String(fetched.body(), 0, Math.min(fetched.body().length, 64), StandardCharsets.UTF_8).stripLeading();
    if (type.contains("html") || start.startsWith("<")) {
      throw failure(fetched, url + ": expected JSON, got an HTML page" + (type.isEmpty() ? "" : " (" + type + ")"));
    }
    try {
      JsonNode node = Mappers.PYTHON_JSON.readTree(fetched.body());
      if (node == null || node.isMissingNode()) {
        throw failure(fetched, url + ": empty body, expected JSON");
      }
      return new JsonAnswer(node, url);
    } catch (JsonProcessingException e) {
      throw failure(fetched, url + ": body is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new FetchException(url, MtebSource.NAME + ": cannot parse " + url, e);
    }
  }

  /** Fails unless the status is 2xx, naming the call and the Hub's error code when it gives one. */
  static void requireOk(Fetched fetched) throws FetchException {
    if (fetched.status() / 100 != 2) {
      String code = fetched.headers().get("X-Error-Code");
      String message = fetched.headers().get("X-Error-Message");
      throw failure(fetched, "GET " + fetched.finalUrl() + " -> HTTP " + fetched.status()
          + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message));
    }
  }

  /** A failure of the source about {@code fetched}: {@code mteb: <what>}. */
  static FetchException failure(Fetched fetched, String what) {
    return new FetchException(fetched.finalUrl(), fetched.status(), MtebSource.NAME + ": " + what);
  }
}
