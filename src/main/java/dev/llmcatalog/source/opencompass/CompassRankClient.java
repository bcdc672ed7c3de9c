package dev.llmcatalog.source.opencompass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.RetrySafe;
import dev.llmcatalog.source.Upstreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * CompassRank's JSON behind rank.opencompass.org.cn: {@code POST .../listRankTableAvailableMonths} on the
 * site lists the editions, and each edition's data file comes from the CDN. Every failure names the
 * source ({@link #SOURCE_PREFIX}), the URL and what was wrong.
 */
final class CompassRankClient {
  static final String MONTHS_PATH = "gw/opencompass-be/api/v1/rank/listRankTableAvailableMonths";
  /** What the board's page asks for: the overall LLM ranking (the seed's table). */
  static final String MONTHS_QUERY = "{\"rankingType\":0,\"benchmarkType\":1}";
  /** A byte body, so OkHttp sends exactly {@code application/json} without appending a charset. */
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  /** The same cap the fetcher puts on bodies, for a file we unpack ourselves. */
  static final int MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
  /** How every message of this client starts. */
  static final String SOURCE_PREFIX = OpenCompassSource.NAME + ": ";

  private final Fetcher fetcher;
  private final HttpUrl site;
  private final HttpUrl cdn;

  CompassRankClient(Fetcher fetcher, String siteEndpoint, String cdnEndpoint) {
    this.fetcher = fetcher;
    this.site = base(siteEndpoint);
    this.cdn = base(cdnEndpoint);
  }

  /** An edition's rows and the URL they were read from. */
  record EditionTable(Edition edition, String url, TableRows table) {
    List<BoardRow> rows() {
      return table.rows();
    }
  }

  /** Where the editions are listed. */
  HttpUrl monthsUrl() {
    return site.newBuilder().addPathSegments(MONTHS_PATH).build();
  }

  EditionList fetchEditions() throws FetchException {
    HttpUrl url = monthsUrl();
    // A read, though it is a POST: safe to retry.
    Request request = RetrySafe.mark(new Request.Builder().url(url)
        .post(RequestBody.create(MONTHS_QUERY.getBytes(StandardCharsets.UTF_8), JSON_TYPE))).build();
    Fetched fetched = execute(request);
    JsonNode answer = parseJson(fetched, "POST");
    try {
      return CompassRankParser.parseEditions(answer);
    } catch (IllegalArgumentException e) {
      throw failure(fetched, e.getMessage());
    }
  }

  EditionTable fetchOverallTable(Edition edition) throws FetchException {
    String path = edition.fileName().startsWith("/") ? edition.fileName().substring(1) : edition.fileName();
    HttpUrl url = cdn.newBuilder().addPathSegments(path).build();
    Fetched fetched = execute(new Request.Builder().url(url).build());
    JsonNode file = parseJson(fetched, "GET");
    try {
      return new EditionTable(edition, fetched.finalUrl(), CompassRankParser.parseOverallTable(file));
    } catch (IllegalArgumentException e) {
      throw failure(fetched, e.getMessage());
    }
  }

  private Fetched execute(Request request) throws FetchException {
    try {
      return fetcher.fetch(request);
    } catch (FetchException e) { // the fetch layer names the request, the attempts and the cause already
      throw new FetchException(e.url(), SOURCE_PREFIX + e.getMessage(), e);
    }
  }

  private static JsonNode parseJson(Fetched fetched, String method) throws FetchException {
    if (fetched.status() / 100 != 2) {
      throw new FetchException(fetched.finalUrl(), fetched.status(),
          SOURCE_PREFIX + method + " " + fetched.finalUrl() + " -> HTTP " + fetched.status());
    }
    if (fetched.contentType().contains("html")) {
      throw failure(fetched, "expected JSON, got an HTML page (" + fetched.contentType() + ")");
    }
    try {
      JsonNode node = CompassRankParser.readJson(gunzipIfNeeded(fetched.body()));
      if (node == null || node.isMissingNode()) {
        throw failure(fetched, "empty body, expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw failure(fetched, "body is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (FetchException e) {
      throw e;
    } catch (IOException e) {
      throw new FetchException(fetched.finalUrl(), SOURCE_PREFIX + "cannot read " + fetched.finalUrl(), e);
    }
  }

  /**
   * OkHttp undoes {@code Content-Encoding: gzip} itself; this covers a gzip file stored and served as is
   * (object stores do that), which would otherwise look like a corrupt body.
   */
  static byte[] gunzipIfNeeded(byte[] body) throws IOException {
    if (body.length < 2 || (body[0] & 0xff) != 0x1f || (body[1] & 0xff) != 0x8b) {
      return body;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      byte[] unpacked = in.readNBytes(MAX_UNPACKED_BYTES + 1);
      if (unpacked.length > MAX_UNPACKED_BYTES) {
        throw new IOException("gzip body unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
      }
      return unpacked;
    }
  }

  private static FetchException failure(Fetched fetched, String what) {
    return new FetchException(fetched.finalUrl(), fetched.status(), SOURCE_PREFIX + fetched.finalUrl() + ": " + what);
  }

  private static HttpUrl base(String endpoint) {
    return Upstreams.base(endpoint);
  }
}
