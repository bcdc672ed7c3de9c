package dev.llmcatalog.source;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.hub.HubSource;
import java.util.List;

/** The registry of sources: the one place that knows every upstream llm-catalog reads. */
public final class Sources {
  private Sources() {}

  public static List<Source> create(CatalogConfig config, Environment env, Fetcher fetcher) {
    return List.of(new HubSource(config, fetcher, env.hubEndpoint(config.hubEndpoint())));
  }

  /** Origins that may receive the Hub token. */
  public static List<String> tokenOrigins(CatalogConfig config, Environment env) {
    return List.of(env.hubEndpoint(config.hubEndpoint()));
  }
}
