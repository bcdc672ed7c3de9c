package dev.llmcatalog.source;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.arena.ArenaSource;
import dev.llmcatalog.source.hub.HubSource;
import dev.llmcatalog.source.mteb.MtebSource;
import dev.llmcatalog.source.opencompass.OpenCompassSource;
import dev.llmcatalog.source.openllm.OpenLlmV1Source;
import dev.llmcatalog.source.openllm.OpenLlmV2Source;
import dev.llmcatalog.source.tabby.TabbySource;
import java.util.ArrayList;
import java.util.List;

/** The registry of sources: the one place that knows every upstream llm-catalog reads. */
public final class Sources {
  /** The config group whose models the MTEB source looks up. */
  static final String EMBEDDING_GROUP = "embedding";

  private Sources() {}

  /** The sources the config enables, in its order. */
  public static List<Source> create(CatalogConfig config, Environment env, Fetcher shared) {
    Endpoints endpoints = config.endpoints(env);
    List<Source> sources = new ArrayList<>();
    for (String name : config.sources()) {
      Fetcher fetcher = shared.forSource(name); // each source gets its own deadline
      sources.add(switch (name) {
        case HubSource.NAME -> new HubSource(config, fetcher, endpoints.hub());
        case OpenLlmV1Source.NAME -> new OpenLlmV1Source(fetcher, endpoints);
        case OpenLlmV2Source.NAME -> new OpenLlmV2Source(fetcher, endpoints);
        case OpenCompassSource.NAME -> new OpenCompassSource(fetcher, endpoints);
        case ArenaSource.NAME -> new ArenaSource(fetcher, endpoints, config.arena());
        case TabbySource.NAME -> new TabbySource(fetcher, endpoints);
        case MtebSource.NAME -> new MtebSource(fetcher, endpoints,
            config.findGroup(EMBEDDING_GROUP).map(g -> g.models()).orElse(List.of()));
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
