package dev.llmcatalog.fetch;

import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer <token>} to requests for the given origins only. Installed as a
 * network interceptor, so it also decides for every redirect hop: a redirect to another host never
 * carries the token, and any Authorization header bound elsewhere is removed.
 */
final class BearerAuthInterceptor implements Interceptor {
  private final List<HttpUrl> origins;
  private final String token;

  BearerAuthInterceptor(List<HttpUrl> origins, String token) {
    this.origins = List.copyOf(origins);
    this.token = token;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder builder = request.newBuilder().removeHeader("Authorization");
    if (isTrusted(request.url())) {
      builder.header("Authorization", "Bearer " + token);
    }
    return chain.proceed(builder.build());
  }

  private boolean isTrusted(HttpUrl url) {
    return origins.stream()
        .anyMatch(o -> o.scheme().equals(url.scheme()) && o.host().equalsIgnoreCase(url.host()) && o.port() == url.port());
  }

  @Override
  public String toString() {
    return "BearerAuthInterceptor" + origins; // never the token
  }
}
