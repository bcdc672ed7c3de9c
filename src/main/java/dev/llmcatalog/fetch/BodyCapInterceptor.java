package dev.llmcatalog.fetch;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads the body in full, up to {@link FetchSettings#maxBodyBytes()}, inside the chain: so a body cut short or
 * too slow fails the attempt where the retry interceptor sees it, and the connection slot is held until the
 * last byte. A body over the cap fails the request for good. A request's {@link EarlyHeaders} hear of a 2xx answer
 * before its body is read.
 */
final class BodyCapInterceptor implements Interceptor {
  /** Bytes asked of the socket a read: Okio's segment size. */
  private static final long SEGMENT = 8192;
  private final long maxBytes;

  BodyCapInterceptor(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    EarlyHeaders early = chain.request().tag(EarlyHeaders.class);
    if (early != null && response.isSuccessful()) {
      early.arrived(response.request().url(), response.code(), response.headers());
    }
    String url = chain.request().url().toString();
    try (ResponseBody body = response.body()) {
      long declared = body.contentLength();
      if (declared > maxBytes) {
        throw new FetchException(url, response.code(), url + ": body of " + declared + " bytes exceeds the cap of " + maxBytes);
      }
      // The segments read from the socket move into the buffer as they are: no copy of the body until its reader's.
      Buffer bytes = new Buffer();
      BufferedSource source = body.source();
      while (source.read(bytes, SEGMENT) != -1) {
        if (bytes.size() > maxBytes) {
          throw new FetchException(url, response.code(), url + ": body exceeds the cap of " + maxBytes + " bytes");
        }
      }
      return response.newBuilder().body(ResponseBody.create(bytes, body.contentType(), bytes.size())).build();
    }
  }
}
