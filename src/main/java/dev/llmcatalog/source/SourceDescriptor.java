package dev.llmcatalog.source;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.Fetcher;
import java.util.Objects;

/**
 * One source of this build, as it describes itself: its {@link SourceSpec} (name, endpoints, config section, whether
 * it fills leaderboard tables) and how to make it. {@link Sources} lists them; everything else derives from that list.
 */
public record SourceDescriptor(SourceSpec spec, Factory factory) {
  public SourceDescriptor {
    Objects.requireNonNull(spec, "spec == null");
    Objects.requireNonNull(factory, "factory == null");
  }

  public String name() {
    return spec.name();
  }

  /** Makes the source for one sync. */
  @FunctionalInterface
  public interface Factory {
    Source create(Context context);
  }

  /**
   * What a source is made from: the config (its section: {@code config.section(...)}), the resolved endpoints, the
   * source's own fetcher (its deadline starts at its first request) and what it learned on earlier syncs.
   */
  public record Context(CatalogConfig config, Endpoints endpoints, Fetcher fetcher, SourceMemory memory) {}
}
