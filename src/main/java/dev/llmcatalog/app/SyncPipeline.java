package dev.llmcatalog.app;

import dev.llmcatalog.Version;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.normalize.ModelResolver;
import dev.llmcatalog.normalize.Resolved;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync: every source fetched in turn, each written as its own snapshot. A failing source is recorded
 * as failed and leaves its previous data untouched; the others go on.
 */
public final class SyncPipeline {
  private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);
  /** The source whose model ids name every other source's models. */
  private static final String HUB = "hub";

  private final CatalogConfig config;
  private final List<Source> sources;
  private final SnapshotStore store;
  private final Clock clock;

  public SyncPipeline(CatalogConfig config, List<Source> sources, SnapshotStore store, Clock clock) {
    this.config = config;
    this.sources = List.copyOf(sources);
    this.store = store;
    this.clock = clock;
  }

  public SyncReport run() {
    long run = store.beginRun(Version.get());
    List<SnapshotInfo> snapshots = new ArrayList<>();
    for (Source source : sources) {
      Instant started = clock.instant();
      log.info("{}: fetching", source.name());
      Resolved resolved;
      try {
        resolved = Resolved.of(source.fetch(), resolver());
      } catch (IOException | RuntimeException e) {
        if (!(e instanceof IOException)) {
          log.debug("{} failed", source.name(), e);
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.error("{}: failed, previous data kept: {}", source.name(), reason);
        snapshots.add(store.recordFailure(run, source.name(), started, reason));
        continue;
      }
      SnapshotInfo snapshot = store.writeSnapshot(run, source.name(), started, resolved.data(), resolved.unresolved());
      if (!resolved.unresolved().isEmpty()) {
        log.info("{}: {} model names not resolved to a Hub id (see `llm-catalog models --unresolved`)", source.name(),
            resolved.unresolved().size());
      }
      log.info("{}: snapshot {}: {} models, {} missing, {} values added, {} closed", source.name(), snapshot.id(),
          snapshot.subjects(), snapshot.missing(), snapshot.valuesAdded(), snapshot.valuesClosed());
      snapshots.add(snapshot);
    }
    store.finishRun(run);
    return new SyncReport(snapshots);
  }

  /** Built per source, so that a board synced after the Hub resolves against the Hub's fresh ids. */
  private ModelResolver resolver() {
    return resolver(config, store);
  }

  /**
   * Resolves board names against the config's models, tables and aliases, the latest Hub snapshot's ids
   * and the recorded renames. Public so that an import resolves names exactly as a sync does.
   */
  public static ModelResolver resolver(CatalogConfig config, SnapshotStore store) {
    Set<String> known = new LinkedHashSet<>(config.listedModels());
    config.tables().forEach(t -> known.addAll(t.models()));
    known.addAll(config.aliases().values());
    store.findLatest(HUB).ifPresent(s -> known.addAll(store.loadSubjects(s)));
    return new ModelResolver(known, store.loadAliases(), config.aliases());
  }
}
