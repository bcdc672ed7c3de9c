package dev.llmcatalog.fetch;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Told of a successful answer's headers as soon as they arrive, before its body is read: a paginated list names its
 * next page in a header ({@link LinkHeader}), so the next request can travel while this page's body does. Called on
 * the fetching thread, once per attempt that gets a 2xx status (a retried request may call it again); it must return
 * quickly and not throw.
 */
@FunctionalInterface
public interface EarlyHeaders {
  /** @param url where the answer came from (after redirects) */
  void arrived(HttpUrl url, int status, Headers headers);

  /** {@code request}, whose answers' headers go to {@code listener}. */
  static Request tag(Request request, EarlyHeaders listener) {
    return request.newBuilder().tag(EarlyHeaders.class, listener).build();
  }
}
