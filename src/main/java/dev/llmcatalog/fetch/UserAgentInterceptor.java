package dev.llmcatalog.fetch;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Names llm-catalog and its version on every request, so upstream operators know who calls them. */
final class UserAgentInterceptor implements Interceptor {
  private final String userAgent;

  UserAgentInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build());
  }
}
