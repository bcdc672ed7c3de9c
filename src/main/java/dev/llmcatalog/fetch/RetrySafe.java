package dev.llmcatalog.fetch;

import okhttp3.Request;

/**
 * Tags a request whose method is not idempotent but which only reads, so it may be retried like a GET:
 * {@code RetrySafe.mark(new Request.Builder().post(query))}. OpenCompass answers a POST query this way.
 */
public enum RetrySafe {
  TAG;

  /** {@code builder} with the tag set. */
  public static Request.Builder mark(Request.Builder builder) {
    return builder.tag(RetrySafe.class, TAG);
  }

  static boolean isMarked(Request request) {
    return request.tag(RetrySafe.class) != null;
  }
}
