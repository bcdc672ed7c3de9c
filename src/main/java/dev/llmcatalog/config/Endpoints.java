package dev.llmcatalog.config;

import java.util.Map;

/**
 * Base URLs of every upstream, without a trailing slash. Each comes from the environment when set,
 * else from the config's {@code endpoints}, else the public default, so that mirrors and local test
 * servers work everywhere.
 */
public record Endpoints(String hub, String datasetsServer, String opencompass, String opencompassCdn, String githubRaw,
    String tabby) {

  /** Config key -> [environment variable, default]. */
  static final Map<String, String[]> KNOWN = Map.of(
      "hub", new String[] {"HF_ENDPOINT", "https://huggingface.co"},
      "datasets_server", new String[] {"LLM_CATALOG_DATASETS_SERVER", "https://datasets-server.huggingface.co"},
      "opencompass", new String[] {"LLM_CATALOG_OPENCOMPASS_URL", "https://rank.opencompass.org.cn"},
      "opencompass_cdn", new String[] {"LLM_CATALOG_OPENCOMPASS_CDN", "https://cdn.opencompass.org.cn"},
      "github_raw", new String[] {"LLM_CATALOG_GITHUB_RAW", "https://raw.githubusercontent.com"},
      "tabby", new String[] {"LLM_CATALOG_TABBY_URL", "https://leaderboard.tabbyml.com"});

  /** Resolves every endpoint: environment, then {@code configured}, then the default. */
  public static Endpoints resolve(Map<String, String> configured, Environment env) {
    return new Endpoints(
        pick("hub", configured, env), pick("datasets_server", configured, env), pick("opencompass", configured, env),
        pick("opencompass_cdn", configured, env), pick("github_raw", configured, env), pick("tabby", configured, env));
  }

  /** The public defaults, ignoring config and environment. */
  public static Endpoints defaults() {
    return resolve(Map.of(), new Environment(Map.of()));
  }

  private static String pick(String key, Map<String, String> configured, Environment env) {
    String[] known = KNOWN.get(key);
    String url = env.find(known[0]).orElse(configured.getOrDefault(key, known[1]));
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
