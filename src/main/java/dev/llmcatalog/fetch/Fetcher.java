package dev.llmcatalog.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Executes requests and reads bodies in full, up to a size cap, turning every failure into a {@link FetchException}. */
public final class Fetcher {
  static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
  // Upstream numbers stay the exact decimals of their text (BigDecimal, trailing zeros kept), never doubles.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private final OkHttpClient client;

  public Fetcher(OkHttpClient client) {
    this.client = client;
  }

  /** Any status comes back; only transport failures and oversized or truncated bodies throw. */
  public Fetched fetch(Request request) throws FetchException {
    String url = request.url().toString();
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      return new Fetched(url, response.request().url().toString(), response.code(), response.headers(), readCapped(body, url));
    } catch (FetchException e) {
      throw e;
    } catch (IOException e) {
      throw new FetchException(url, "GET " + display(request.url()) + " failed: " + describe(e), e);
    }
  }

  /** Parses a body as JSON, failing with the URL and a hint when it is HTML or cut short. */
  public static JsonNode parseJson(Fetched fetched) throws FetchException {
    String type = fetched.contentType();
    if (type.contains("html")) {
      throw new FetchException(fetched.finalUrl(), fetched.status(),
          fetched.finalUrl() + ": expected JSON, got an HTML page (" + type + ")");
    }
    try {
      JsonNode node = JSON.readTree(fetched.body());
      if (node == null || node.isMissingNode()) {
        throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": empty body, expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new FetchException(fetched.finalUrl(), fetched.status(),
          fetched.finalUrl() + ": body is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new FetchException(fetched.finalUrl(), "cannot parse " + fetched.finalUrl(), e);
    }
  }

  private static byte[] readCapped(ResponseBody body, String url) throws IOException {
    long declared = body.contentLength();
    if (declared > MAX_BODY_BYTES) {
      throw new FetchException(url, 0, url + ": body of " + declared + " bytes exceeds the cap of " + MAX_BODY_BYTES);
    }
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes((int) MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new FetchException(url, 0, url + ": body exceeds the cap of " + MAX_BODY_BYTES + " bytes");
      }
      return bytes;
    }
  }

  /** A URL for messages: without the long, repetitive {@code expand} parameters. */
  public static String display(HttpUrl url) {
    return url.newBuilder().removeAllQueryParameters("expand").build().toString();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
