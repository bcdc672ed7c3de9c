package dev.llmcatalog.app;

import dev.llmcatalog.Version;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.normalize.ModelResolver;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Resolved;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.normalize.ValueSink;
import dev.llmcatalog.progress.SourceProgress;
import dev.llmcatalog.progress.SyncProgress;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.store.StagedSnapshot;
import dev.llmcatalog.store.Stores;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
  /**
   * States of up to this many values are kept for the review after the sync ({@link SyncReport#held}), which then
   * renders them from memory: a first sync of ten thousand Hub models and more. Larger states are read back.
   */
  private static final int HELD_VALUES = 250_000;

  private final CatalogConfig config;
  private final List<Source> sources;
  private final SnapshotStore store;
  private final Clock clock;
  private final boolean acceptShrink;
  private final RawArchive archive;
  private final SyncProgress progress;

  public SyncPipeline(CatalogConfig config, List<Source> sources, SnapshotStore store, Clock clock) {
    this(config, sources, store, clock, false, new RawArchive());
  }

  /**
   * @param acceptShrink accept an empty or collapsed result instead of rejecting it, and let the values of parts no
   *     longer listed close instead of keeping them ({@code sync --accept-shrink})
   * @param archive what the sources' fetchers report to; stored after each source (an unattached one stores nothing)
   */
  public SyncPipeline(CatalogConfig config, List<Source> sources, SnapshotStore store, Clock clock, boolean acceptShrink,
      RawArchive archive) {
    this(config, sources, store, clock, acceptShrink, archive, SyncProgress.none());
  }

  /**
   * @param progress shows each source's progress while it fetches; the sources' fetchers report their requests to
   *     it ({@code Fetcher.withProgress})
   */
  public SyncPipeline(CatalogConfig config, List<Source> sources, SnapshotStore store, Clock clock, boolean acceptShrink,
      RawArchive archive, SyncProgress progress) {
    this.config = config;
    this.sources = List.copyOf(sources);
    this.store = store;
    this.clock = clock;
    this.acceptShrink = acceptShrink;
    this.archive = archive;
    this.progress = progress;
  }

  public SyncReport run() {
    long run = store.beginRun(Version.get());
    List<SnapshotInfo> snapshots = new ArrayList<>();
    Map<Long, List<Observation>> held = new HashMap<>();
    for (Source source : sources) {
      // Syncs of one source take turns: a `sync` beside the daemon's job of the same source, or two nodes of a cluster
      // (Quartz can run a recovered job beside a fresh one), wait for each other here.
      try (Stores.Lock turn = store.lockSource(source.name())) {
        Instant started = clock.instant();
        log.info("{}: fetching", source.name());
        StagedSnapshot staged = store.stage(run, source.name(), started);
        try {
          snapshots.add(sync(source, run, staged, held));
        } catch (RuntimeException e) { // the database failed: the staged values are given up before the sync ends
          try {
            staged.abandon(reason(e));
          } catch (RuntimeException again) {
            e.addSuppressed(again);
          }
          throw e;
        }
      }
    }
    store.finishRun(run);
    return new SyncReport(snapshots, held);
  }

  /**
   * Fetches {@code source} and writes its snapshot through {@code staged}: the snapshot written, or the failure recorded
   * (its previous data kept). Throws only when the database fails.
   */
  private SnapshotInfo sync(Source source, long run, StagedSnapshot staged, Map<Long, List<Observation>> held) {
    Resolved resolved;
    ModelResolver resolver = source.subjectsAreHubIds() ? null : resolver();
    // Values go to the store while the source still fetches; only a source whose names need no resolving hands
    // them over, since what it hands must be the state as stored.
    try {
      SourceData data = fetchAndArchive(source, run, staged, resolver == null);
      resolved = resolver == null ? new Resolved(data, List.of()) : Resolved.of(data, resolver);
      resolved = new Resolved(withKeptParts(source.name(), resolved.data()), resolved.unresolved());
    } catch (IOException | RuntimeException e) {
      String reason = reason(e);
      // Debug only: the caller reports each source's outcome in one line (sync's summary on stdout, the daemon's
      // job line), so at the default level a failure shows once; --verbose adds this line with the stack trace.
      log.debug("{}: failed, previous data kept: {}", source.name(), reason, e);
      progress.finish(source.name(), false); // a no-op when the fetch failed: it was finished then
      return staged.abandon(reason);
    }
    Optional<String> rejected = acceptShrink ? Optional.empty() : rejection(source.name(), resolved.data(), resolver);
    if (rejected.isPresent()) {
      log.debug("{}: rejected, previous data kept: {}", source.name(), rejected.get()); // reported by the caller
      progress.finish(source.name(), false);
      return staged.abandon(rejected.get());
    }
    long writing = System.nanoTime();
    SnapshotInfo snapshot;
    try {
      snapshot = staged.commit(resolved.data(), resolved.unresolved(), progress.writing(source.name()));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // a state the store refuses (a key given twice), or values handed that are not the state: nothing is visible
      progress.finish(source.name(), false);
      log.debug("{}: failed, previous data kept: {}", source.name(), e.getMessage(), e); // reported by the caller
      return staged.abandon(e.getMessage());
    }
    if (resolved.data().observations().size() <= HELD_VALUES) {
      held.put(snapshot.id(), resolved.data().observations());
    }
    // before the source's log lines, so that they start on a line of their own
    progress.finish(source.name(), true);
    log.debug("{}: snapshot written in {} ms", source.name(), (System.nanoTime() - writing) / 1_000_000);
    if (!resolved.unresolved().isEmpty()) {
      log.info("{}: {} model names not resolved to a Hub id (see `llm-catalog models --unresolved`)", source.name(),
          resolved.unresolved().size());
    }
    log.debug("{}: snapshot {}: {} models, {} missing, {} values added, {} closed", source.name(), snapshot.id(),
        snapshot.subjects(), snapshot.missing(), snapshot.valuesAdded(), snapshot.valuesClosed());
    if (snapshot.partial()) {
      log.debug("{}: partial, previous data kept for {}", source.name(), snapshot.warning()); // reported by the caller
    }
    return snapshot;
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * The source's data; what it fetched is archived whether it succeeded or not. A failed fetch ends the source's
   * progress; a successful one leaves it running through the write of its snapshot.
   */
  private SourceData fetchAndArchive(Source source, long run, StagedSnapshot staged, boolean handValues)
      throws IOException {
    SourceProgress counts = progress.start(source.name());
    boolean ok = false;
    long start = System.nanoTime();
    try {
      SourceData data = source.fetch(counts, handValues ? staged : ValueSink.NONE);
      ok = true;
      return data;
    } finally {
      if (!ok) {
        progress.finish(source.name(), false); // before the source's log lines, so that they start on a line of their own
      }
      long archiving = System.nanoTime();
      staged.flush(); // the last values written first: SQLite's writers take turns by polling, which costs waits
      int archived = archive.flush(store, run);
      log.debug("{}: fetched in {} ms, {} answers archived in {} ms", source.name(), (archiving - start) / 1_000_000,
          archived, (System.nanoTime() - archiving) / 1_000_000);
    }
  }

  /**
   * {@code data} with the current values of the parts it could not read this time ({@link SourceData#kept}), taken
   * from the source's last good snapshot, so that writing it closes none of them. For a source whose variants are
   * listed parts ({@link SourceData#unlisted}), a variant of that snapshot the data lacks is kept the same way (and
   * named), unless the sync accepts shrinking: then its values close, as the user asked.
   */
  private SourceData withKeptParts(String source, SourceData data) {
    if (data.kept().isEmpty() && data.unlisted() == null) {
      return data;
    }
    Optional<SnapshotInfo> last = store.findLatest(source);
    if (last.isEmpty()) {
      return data; // nothing to carry over; the parts it could not read still make the snapshot partial
    }
    List<Observation> previous = store.loadState(last.get());
    List<SourceData.Kept> kept = new ArrayList<>(data.kept());
    if (data.unlisted() != null) {
      Set<String> present = new HashSet<>();
      data.observations().forEach(o -> present.add(o.variant()));
      kept.forEach(k -> present.add(k.variant()));
      Set<String> unlisted = new TreeSet<>();
      previous.stream().map(Observation::variant).filter(v -> !present.contains(v)).forEach(unlisted::add);
      SourceData.Unlisted how = data.unlisted();
      for (String variant : unlisted) {
        if (acceptShrink) {
          log.warn("{}: {} {} is no longer listed; its values close (--accept-shrink)", source, how.kind(), variant);
        } else { // named in the partial snapshot's warning, logged below
          kept.add(new SourceData.Kept(variant, how.kind() + " " + variant, how.reason()));
        }
      }
    }
    Set<String> variants = new HashSet<>();
    kept.forEach(k -> variants.add(k.variant()));
    List<Observation> all = new ArrayList<>(data.observations());
    previous.stream().filter(o -> variants.contains(o.variant())).forEach(all::add);
    return data.withObservations(all).keeping(kept);
  }

  /**
   * Why {@code data} must not become the source's current state, if it must not: it is empty, it has
   * collapsed against the last good snapshot, or a model the source looked up has no data any more although the last
   * good snapshot had some. Accepting any of these would close values and show them as removed, when the usual cause
   * is an upstream serving a partial or placeholder answer, or data that moved.
   */
  private Optional<String> rejection(String source, SourceData data, ModelResolver resolver) {
    if (data.observations().isEmpty()) {
      return Optional.of("rejected: the fetch returned no values (0 models); rerun with `sync --accept-shrink` to accept");
    }
    Optional<SnapshotInfo> last = store.findLatest(source);
    if (last.isPresent() && !data.withoutData().isEmpty()) {
      List<String> vanished = vanished(data, last.get(), resolver);
      if (!vanished.isEmpty()) {
        return Optional.of("rejected: no data any more for " + String.join(", ", vanished) + " (snapshot "
            + last.get().id() + " had some): the upstream may have moved or pruned it; rerun with"
            + " `sync --accept-shrink` to accept");
      }
    }
    if (last.isPresent() && config.validation().collapsed(data.subjects(), last.get().subjects())) {
      return Optional.of(String.format(Locale.ROOT,
          "rejected: %d models against %d in snapshot %d (more than %s%% fewer, validation.max_shrink %s);"
              + " rerun with `sync --accept-shrink` to accept",
          data.subjects(), last.get().subjects(), last.get().id(), percent(config.validation().maxShrink()),
          BigDecimal.valueOf(config.validation().maxShrink()).stripTrailingZeros().toPlainString()));
    }
    return Optional.empty();
  }

  /**
   * The models named without data that had values in {@code last}. A model may still have values from another part
   * of the source (an MTEB model card beside its vanished results folder): it vanished only if a value {@code last}
   * had for it (same variant and key) is gone, so that a model that never had data in that part passes every time.
   */
  private List<String> vanished(SourceData data, SnapshotInfo last, ModelResolver resolver) {
    Set<String> had = new HashSet<>(store.loadSubjects(last));
    Set<String> named = new TreeSet<>();
    data.withoutData().stream().map(m -> resolver == null ? m : resolver.resolve(m).orElse(m)).filter(had::contains)
        .forEach(named::add);
    Set<String> now = new HashSet<>();
    data.observations().stream().filter(o -> named.contains(o.subject())).forEach(o -> now.add(valueId(o)));
    if (now.isEmpty()) {
      return List.copyOf(named);
    }
    Set<String> withValues = new HashSet<>();
    data.observations().forEach(o -> withValues.add(o.subject()));
    Set<String> lost = new HashSet<>();
    store.loadState(last).stream().filter(o -> named.contains(o.subject()) && !now.contains(valueId(o)))
        .forEach(o -> lost.add(o.subject()));
    return named.stream().filter(m -> !withValues.contains(m) || lost.contains(m)).toList();
  }

  private static String valueId(Observation o) {
    return o.subject() + '\u0000' + o.variant() + '\u0000' + o.key();
  }

  private static String percent(double fraction) {
    return BigDecimal.valueOf(fraction * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
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
