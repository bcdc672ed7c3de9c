package dev.llmcatalog.fetch;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds the one OkHttp client a run uses. Its application interceptors, outermost first: User-Agent, retry,
 * per-host rate limit, per-host concurrency limit, logging, body cap; the Hub token is added by a network
 * interceptor, so every hop (retries and redirects too) decides afresh whether its host may see it.
 */
public final class HttpClients {
  private HttpClients() {}

  /**
   * The client for real upstreams: polite and fault-tolerant as {@code settings} say.
   *
   * @param tokenOrigins base URLs that may receive {@code token} (the Hub and its dataset viewer)
   * @param proxy an {@code http://host:port} proxy for every request ({@code HTTPS_PROXY})
   */
  public static OkHttpClient create(FetchSettings settings, Optional<String> token, List<String> tokenOrigins,
      Optional<String> proxy) {
    return create(settings, token, tokenOrigins, proxy, Time.SYSTEM);
  }

  /** As above, waiting (retries, rate limits) on {@code time}. */
  public static OkHttpClient create(FetchSettings settings, Optional<String> token, List<String> tokenOrigins,
      Optional<String> proxy, Time time) {
    return create(settings, settings.userAgent(), token, tokenOrigins, proxy, time,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * A client with {@link FetchSettings#plain()} settings (one attempt, no rate limit) and the given
   * User-Agent: for tests against a local server and one-off calls.
   */
  public static OkHttpClient create(String userAgent, Optional<String> token, List<String> tokenOrigins) {
    return create(FetchSettings.plain(), userAgent, token, tokenOrigins, Optional.empty(), Time.SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** A client that never touches the network: each request is answered from {@code archive} or fails. */
  public static OkHttpClient offline(ArchiveLookup archive) {
    return new OkHttpClient.Builder().addInterceptor(new ArchiveReplayInterceptor(archive)).build();
  }

  static OkHttpClient create(FetchSettings settings, String userAgent, Optional<String> token, List<String> tokenOrigins,
      Optional<String> proxy, Time time, DoubleSupplier random) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        .followRedirects(true)
        .followSslRedirects(true)
        .addInterceptor(new UserAgentInterceptor(userAgent))
        .addInterceptor(new RetryInterceptor(settings, time, random))
        .addInterceptor(new RateLimitInterceptor(settings, time))
        .addInterceptor(new ConcurrencyLimitInterceptor(settings.maxConcurrentPerHost()))
        .addInterceptor(new LoggingInterceptor())
        .addInterceptor(new BodyCapInterceptor(settings.maxBodyBytes()));
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
