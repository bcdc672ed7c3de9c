package dev.llmcatalog.source.opencompass;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A local CompassRank: the site answers {@code POST listRankTableAvailableMonths} (and 405 to GET, as the
 * real one does), the CDN serves the edition files gzipped with {@code Content-Encoding: gzip}. Both serve
 * the synthetic fixtures under {@code leaderboards/opencompass/compassrank}; tests replace answers by path.
 */
final class FixtureCompassRank {
  static final String DIR = "leaderboards/opencompass/compassrank/";
  static final String MONTHS = "/" + CompassRankClient.MONTHS_PATH;

  final MockWebServer site = LocalServers.mockWebServer();
  final MockWebServer cdn = LocalServers.mockWebServer();
  private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();

  FixtureCompassRank() throws IOException {
    site.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse override = overrides.get(request.getUrl().encodedPath());
        if (override != null) {
          return override;
        }
        if (!request.getUrl().encodedPath().equals(MONTHS)) {
          return status(404);
        }
        if (!request.getMethod().equals("POST")) {
          return status(405);
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json;charset=UTF-8")
            .body(Fixtures.text(DIR + "months.json")).build();
      }
    });
    cdn.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        MockResponse override = overrides.get(path);
        if (override != null) {
          return override;
        }
        if (!Fixtures.exists(DIR + path.substring(1))) {
          return status(404);
        }
        return gzipped(Fixtures.bytes(DIR + path.substring(1)));
      }
    });
    site.start();
    cdn.start();
  }

  String siteEndpoint() {
    return site.url("/").toString();
  }

  String cdnEndpoint() {
    return cdn.url("/").toString();
  }

  /** Answers {@code path} (on either server) with {@code response} from now on. */
  void override(String path, MockResponse response) {
    overrides.put(path, response);
  }

  void close() {
    site.close();
    cdn.close();
  }

  /** What the CDN sends: the file gzipped, announced by {@code Content-Encoding}. */
  static MockResponse gzipped(byte[] json) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("Content-Encoding", "gzip").body(new Buffer().write(gzip(json))).build();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse html() {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<!doctype html><html><body><div id=\"app\"></div></body></html>").build();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body("status " + code).build();
  }
}
