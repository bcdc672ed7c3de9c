package dev.llmcatalog.source;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.config.KnownSources;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.aider.AiderSource;
import dev.llmcatalog.source.arena.ArenaSource;
import dev.llmcatalog.source.hub.HubSource;
import dev.llmcatalog.source.hubbench.HubBenchSource;
import dev.llmcatalog.source.mteb.MtebSource;
import dev.llmcatalog.source.opencompass.OpenCompassSource;
import dev.llmcatalog.source.openllm.OpenLlmSource;
import dev.llmcatalog.source.tabby.TabbySource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The registry of sources: the one list of every upstream llm-catalog reads, in default sync order. */
public final class Sources {
  /** Every source of this build; adding a leaderboard is adding its descriptor here. */
  public static final List<SourceDescriptor> ALL = List.of(
      HubSource.DESCRIPTOR,
      OpenLlmSource.V1,
      OpenLlmSource.V2,
      OpenCompassSource.DESCRIPTOR,
      ArenaSource.DESCRIPTOR,
      TabbySource.DESCRIPTOR,
      MtebSource.DESCRIPTOR,
      AiderSource.DESCRIPTOR,
      HubBenchSource.DESCRIPTOR);

  private Sources() {}

  /** What config validation knows of the sources. */
  public static KnownSources known() {
    return new KnownSources(ALL.stream().map(SourceDescriptor::spec).toList());
  }

  /**
   * The sources the config enables, in its order, each with its own fetcher (and so its own deadline), remembering
   * nothing between syncs: for a fetch without a store.
   */
  public static List<Source> create(CatalogConfig config, Environment env, Fetcher shared) {
    return create(config, env, shared, name -> SourceMemory.NONE);
  }

  /** As {@link #create(CatalogConfig, Environment, Fetcher)}, each source with its memory {@code memories} gives. */
  public static List<Source> create(CatalogConfig config, Environment env, Fetcher shared,
      Function<String, SourceMemory> memories) {
    Endpoints endpoints = config.endpoints(env);
    List<Source> sources = new ArrayList<>();
    for (String name : config.sources()) {
      SourceDescriptor descriptor = ALL.stream().filter(d -> d.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException("source '" + name + "' is not available in this build"));
      sources.add(descriptor.factory().create(new SourceDescriptor.Context(config, endpoints, shared.forSource(name),
          memories.apply(name))));
    }
    return sources;
  }
}
