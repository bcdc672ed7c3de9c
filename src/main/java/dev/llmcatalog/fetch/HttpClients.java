package dev.llmcatalog.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Builds the one OkHttp client a run uses: timeouts, User-Agent, and the Hub token for trusted origins only. */
public final class HttpClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

  private HttpClients() {}

  /**
   * @param tokenOrigins base URLs that may receive {@code token} (the Hub; later the dataset viewer)
   */
  public static OkHttpClient create(String userAgent, Optional<String> token, List<String> tokenOrigins) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .followRedirects(true)
        .followSslRedirects(true)
        .addInterceptor(new UserAgentInterceptor(userAgent));
    token.ifPresent(t -> builder.addNetworkInterceptor(
        new BearerAuthInterceptor(tokenOrigins.stream().map(HttpUrl::get).toList(), t)));
    return builder.build();
  }
}
