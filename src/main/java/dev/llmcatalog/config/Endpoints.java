package dev.llmcatalog.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base URLs of every upstream by endpoint key, without a trailing slash. Each comes from the environment when set,
 * else from the config's {@code endpoints}, else the public default, so that mirrors and local test servers work
 * everywhere.
 */
public record Endpoints(Map<String, String> urls, List<EndpointSpec> specs) {
  public Endpoints {
    urls = Map.copyOf(urls);
    specs = List.copyOf(specs);
  }

  /** Resolves every endpoint of {@code specs}: environment, then {@code configured}, then the default. */
  public static Endpoints resolve(List<EndpointSpec> specs, Map<String, String> configured, Environment env) {
    Map<String, String> urls = new LinkedHashMap<>();
    for (EndpointSpec spec : specs) {
      String url = env.find(spec.env()).orElse(configured.getOrDefault(spec.key(), spec.defaultUrl()));
      urls.put(spec.key(), url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
    return new Endpoints(urls, specs);
  }

  /** The base URL of endpoint {@code key}. */
  public String get(String key) {
    String url = urls.get(key);
    if (url == null) {
      throw new IllegalArgumentException("no endpoint '" + key + "' (known: " + urls.keySet() + ")");
    }
    return url;
  }

  /** The base URLs that may receive the Hub token (the Hub and its dataset viewer). */
  public List<String> tokenOrigins() {
    return specs.stream().filter(EndpointSpec::tokenOrigin).map(s -> urls.get(s.key())).toList();
  }
}
