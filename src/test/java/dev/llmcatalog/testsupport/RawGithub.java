package dev.llmcatalog.testsupport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Answers as raw.githubusercontent.com does, in the shape of recorded responses (see
 * {@code fixtures/leaderboards/mteb/SOURCES.md}): every file as {@code text/plain; charset=utf-8} with
 * {@code Cache-Control: max-age=300} and an {@code ETag} naming the content ({@code W/"<sha256>"} as served
 * gzip-encoded); a request whose {@code If-None-Match} names it gets a 304 without body; a missing path gets
 * {@code 404: Not Found}.
 */
public final class RawGithub {
  private RawGithub() {}

  /** The ETag served for {@code body}. */
  public static String etag(byte[] body) {
    try {
      return "W/\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code body} as the file at the request's path: 200, or 304 when the request's {@code If-None-Match} matches. */
  public static MockResponse file(byte[] body, RecordedRequest request) {
    String etag = etag(body);
    if (etag.equals(request.getHeaders().get("If-None-Match"))) {
      return new MockResponse.Builder().code(304).setHeader("ETag", etag).setHeader("Cache-Control", "max-age=300").build();
    }
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; charset=utf-8")
        .setHeader("Cache-Control", "max-age=300").setHeader("ETag", etag).body(new Buffer().write(body)).build();
  }

  public static MockResponse notFound() {
    return new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain; charset=utf-8")
        .body("404: Not Found").build();
  }
}
