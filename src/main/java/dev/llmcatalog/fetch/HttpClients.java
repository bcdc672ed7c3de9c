package dev.llmcatalog.fetch;

import java.net.InetSocketAddress;
import java.net.Proxy;
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
    return create(userAgent, token, tokenOrigins, Optional.empty());
  }

  /** @param proxy an {@code http://host:port} proxy for every request ({@code HTTPS_PROXY}) */
  public static OkHttpClient create(String userAgent, Optional<String> token, List<String> tokenOrigins,
      Optional<String> proxy) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .followRedirects(true)
        .followSslRedirects(true)
        .addInterceptor(new UserAgentInterceptor(userAgent));
    proxy.ifPresent(p -> builder.proxy(proxyOf(p)));
    token.ifPresent(t -> builder.addNetworkInterceptor(
        new BearerAuthInterceptor(tokenOrigins.stream().map(HttpUrl::get).toList(), t)));
    return builder.build();
  }

  static Proxy proxyOf(String url) {
    HttpUrl parsed = HttpUrl.parse(url.contains("://") ? url : "http://" + url);
    if (parsed == null) {
      throw new IllegalArgumentException("HTTPS_PROXY is not a URL: " + url);
    }
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(parsed.host(), parsed.port()));
  }
}
