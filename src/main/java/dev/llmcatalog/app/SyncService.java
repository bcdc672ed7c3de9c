package dev.llmcatalog.app;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigLoader;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.diff.StoreDiffer;
import dev.llmcatalog.fetch.FetchSettings;
import dev.llmcatalog.fetch.FetchSettingsFromConfig;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.notify.Notifier;
import dev.llmcatalog.notify.Outcome;
import dev.llmcatalog.progress.SyncProgress;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.store.ArchiveStore;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds settings, client, fetcher, sources and pipeline from a config and the {@link World},
 * the same way for {@code sync}, the daemon's jobs and the tests. One instance holds one HTTP client (a run's, or a
 * daemon's for its whole life); close it to let the client's threads go.
 */
public final class SyncService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncService.class);
  private final CatalogConfig config;
  private final World world;
  private final OkHttpClient http;
  private final Fetcher fetcher;
  private final boolean offline;
  private final Notifier notifier;

  private SyncService(CatalogConfig config, World world, OkHttpClient http, FetchSettings settings, boolean offline) {
    this.config = config;
    this.world = world;
    this.http = http;
    this.fetcher = new Fetcher(http, settings, world.time());
    this.offline = offline;
    this.notifier = new Notifier(config.notifications(), world.env(), world.clock(), world.time(), settings.userAgent());
  }

  /** The config at {@code file}, checked against the sources of this build. */
  public static CatalogConfig loadConfig(Path file) {
    return ConfigLoader.load(file, Sources.known());
  }

  /** Syncs from the upstreams, politely and fault-tolerantly as the config's {@code fetch} section says. */
  public static SyncService online(CatalogConfig config, World world) {
    FetchSettings settings = FetchSettingsFromConfig.apply(config.fetch());
    Environment env = world.env();
    OkHttpClient http = HttpClients.create(settings, env.hubToken(), config.endpoints(env).tokenOrigins(), env.httpsProxy(),
        world.time());
    return new SyncService(config, world, http, settings, false);
  }

  /** Syncs without network: every request is answered from the raw archive of {@code store} or fails. */
  public static SyncService offline(CatalogConfig config, World world, ArchiveStore store) {
    return new SyncService(config, world, HttpClients.offline(RawArchive.lookup(store)),
        FetchSettingsFromConfig.apply(config.fetch()), true);
  }

  /**
   * Fetches the configured sources ({@code only} these when not empty), in the config's order so that boards
   * resolve their names against the Hub's fresh ids, and stores one snapshot each.
   */
  public SyncReport sync(SnapshotStore store, Collection<String> only, boolean acceptShrink, SyncProgress progress) {
    RawArchive archive = new RawArchive();
    // Offline, nothing new is fetched, so nothing is archived again. Online, large indexes are revalidated against
    // what the archive holds (a 304 instead of the body again).
    Fetcher run = (offline ? fetcher : fetcher.withListener(archive).withArchive(RawArchive.lookup(store)))
        .withProgress(progress);
    List<Source> sources = Sources.create(config, world.env(), run, name -> new StoredMemory(store.memory(), name, offline))
        .stream()
        .filter(s -> only.isEmpty() || only.contains(s.name())).toList();
    return new SyncPipeline(config, sources, store, world.clock(), acceptShrink, archive, progress).run();
  }

  /**
   * After a sync and its review files: sends the summary to the config's notification targets when the run changed
   * data worth reviewing or a source failed (each target chooses which, and how many changes are worth a message),
   * and retries what earlier runs could not deliver. Never
   * throws: a notification that fails is recorded and leaves the sync's result as it was.
   *
   * @param written the review files {@link ReviewArtifacts#writeIfChanged} wrote, if it wrote any
   */
  public void notify(SnapshotStore store, SyncReport report, Optional<ReviewArtifacts.Written> written) {
    if (config.notifications().isEmpty() || report.snapshots().isEmpty()) {
      return;
    }
    long run = report.snapshots().get(0).runId();
    // The changes of this run a reviewer would see (`diff` of each source's snapshot against its previous one):
    // counters moving less than review.counter_threshold, which change on nearly every Hub sync, do not count.
    // A source's first snapshot has nothing to diff against and counts none, as the summary shows none for it.
    List<String> changed = report.snapshots().stream().filter(s -> s.ok() && s.valuesAdded() + s.valuesClosed() > 0)
        .map(SnapshotInfo::source).toList();
    long changes = changed.isEmpty() ? 0 : new StoreDiffer(store, config.review().counterThreshold(), config.tables())
        .diff(changed, OptionalLong.empty(), OptionalLong.of(run)).stream().mapToLong(d -> d.changes().size()).sum();
    List<String> failed = report.snapshots().stream().filter(s -> !s.ok() || s.partial()).map(SnapshotInfo::source)
        .toList();
    String text = ReviewArtifacts.problemsNote(report);
    if (written.isPresent()) {
      try {
        text = Files.readString(written.get().summary(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        log.warn("notifications: cannot read the summary {}: {}", written.get().summary(), e.getMessage());
      }
    }
    notifier.afterSync(store.notifications(), new Outcome(run, changes, failed, text,
        written.map(w -> w.summary().toString())));
  }

  /**
   * The fetcher of this service (its client: the config's politeness, the token for the Hub hosts only) and the base
   * URL of endpoint {@code key}, for a command that asks an upstream one question without syncing
   * ({@code llm-catalog benchmarks}).
   */
  public <T> T ask(String key, Question<T> question) throws IOException {
    return question.ask(fetcher, config.endpoints(world.env()).get(key));
  }

  /** What {@link #ask} asks: one upstream call through the given fetcher at the given base URL. */
  @FunctionalInterface
  public interface Question<T> {
    T ask(Fetcher fetcher, String baseUrl) throws IOException;
  }

  /** Cancels every request in flight (a daemon stopping). */
  public void cancelAll() {
    http.dispatcher().cancelAll();
  }

  @Override
  public void close() {
    notifier.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
