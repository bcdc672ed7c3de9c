package dev.llmcatalog.fetch;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Request;

/**
 * Conditional requests against the raw archive (RFC 9110 section 13, RFC 9111 section 4.3): the newest archived
 * 200 answer to a URL gives the validators to send, and a 304 is answered with that archived body. Pure: no I/O.
 */
final class Revalidation {
  /** Marks an answer assembled from a 304 and the archive, so the archive row tells what the network said. */
  static final String MARKER = "X-LLM-Catalog-Revalidated";
  /**
   * Headers of a 304 that say nothing about the stored body (RFC 9111 section 3.2 leaves Content-Length out of
   * the update; the encodings describe the 304's own, empty transfer).
   */
  private static final Set<String> NOT_UPDATED = Set.of("content-length", "content-encoding", "transfer-encoding");

  private Revalidation() {}

  /** The archived answer worth revalidating: a 200 that carries an {@code ETag} or a {@code Last-Modified}. */
  static Optional<Fetched> usable(Optional<Fetched> archived) {
    return archived.filter(a -> a.status() == 200
        && (a.headers().get("ETag") != null || a.headers().get("Last-Modified") != null));
  }

  /** {@code request} asking to be answered 304 when the resource still is what {@code stored} holds. */
  static Request conditional(Request request, Fetched stored) {
    Request.Builder conditional = request.newBuilder();
    String etag = stored.headers().get("ETag");
    String lastModified = stored.headers().get("Last-Modified");
    if (etag != null) {
      conditional.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      conditional.header("If-Modified-Since", lastModified);
    }
    return conditional.build();
  }

  /**
   * The full answer a 304 stands for: the stored status, final URL and body, the stored headers updated by the
   * 304's (its {@code ETag}, {@code Date}, caching headers), and {@link #MARKER}.
   */
  static Fetched notModified(Fetched answer, Fetched stored) {
    Headers.Builder headers = stored.headers().newBuilder();
    for (String name : answer.headers().names()) {
      if (!NOT_UPDATED.contains(name.toLowerCase(Locale.ROOT))) {
        headers.removeAll(name);
        answer.headers().values(name).forEach(v -> headers.addUnsafeNonAscii(name, v));
      }
    }
    headers.set(MARKER, "304 Not Modified");
    return new Fetched(answer.requestedUrl(), stored.finalUrl(), stored.status(), headers.build(), stored.body());
  }
}
