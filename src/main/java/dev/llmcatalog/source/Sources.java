package dev.llmcatalog.source;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.hub.HubSource;
import dev.llmcatalog.source.opencompass.OpenCompassSource;
import java.util.ArrayList;
import java.util.List;

/** The registry of sources: the one place that knows every upstream llm-catalog reads. */
public final class Sources {
  private Sources() {}

  /** The sources the config enables, in its order. */
  public static List<Source> create(CatalogConfig config, Environment env, Fetcher fetcher) {
    Endpoints endpoints = config.endpoints(env);
    List<Source> sources = new ArrayList<>();
    for (String name : config.sources()) {
      sources.add(switch (name) {
        case HubSource.NAME -> new HubSource(config, fetcher, endpoints.hub());
        case OpenCompassSource.NAME -> new OpenCompassSource(fetcher, endpoints);
        default -> throw new IllegalStateException("source '" + name + "' is not available in this build");
      });
    }
    return sources;
  }

  /** Origins that may receive the Hub token: the Hub and its dataset viewer. */
  public static List<String> tokenOrigins(CatalogConfig config, Environment env) {
    Endpoints endpoints = config.endpoints(env);
    return List.of(endpoints.hub(), endpoints.datasetsServer());
  }
}
