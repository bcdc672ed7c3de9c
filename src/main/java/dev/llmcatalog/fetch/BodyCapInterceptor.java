package dev.llmcatalog.fetch;

import java.io.IOException;
import java.io.InputStream;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads the body in full, up to {@link FetchSettings#maxBodyBytes()}, inside the chain: so a body cut short or
 * too slow fails the attempt where the retry interceptor sees it, and the connection slot is held until the
 * last byte. A body over the cap fails the request for good. A request's {@link EarlyHeaders} hear of a 2xx answer
 * before its body is read.
 */
final class BodyCapInterceptor implements Interceptor {
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
    byte[] bytes;
    try (ResponseBody body = response.body()) {
      long declared = body.contentLength();
      if (declared > maxBytes) {
        throw new FetchException(url, response.code(), url + ": body of " + declared + " bytes exceeds the cap of " + maxBytes);
      }
      try (InputStream in = body.byteStream()) {
        bytes = in.readNBytes((int) maxBytes + 1);
      }
      if (bytes.length > maxBytes) {
        throw new FetchException(url, response.code(), url + ": body exceeds the cap of " + maxBytes + " bytes");
      }
      return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
    }
  }
}
