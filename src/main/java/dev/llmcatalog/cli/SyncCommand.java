package dev.llmcatalog.cli;

import dev.llmcatalog.app.RawArchive;
import dev.llmcatalog.app.ReviewArtifacts;
import dev.llmcatalog.app.SyncPipeline;
import dev.llmcatalog.app.SyncReport;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigLoader;
import dev.llmcatalog.fetch.FetchSettings;
import dev.llmcatalog.fetch.FetchSettingsFromConfig;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Fetch every source once and store one snapshot per source (cron-friendly).")
final class SyncCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Option(names = "--accept-shrink",
      description = "Accept a source whose result is empty or has collapsed (see validation.max_shrink) instead of"
          + " rejecting it.")
  boolean acceptShrink;

  @Option(names = "--offline",
      description = "No network: answer every request from the raw archive (the newest body per URL), e.g. to"
          + " re-normalize after a parser fix.")
  boolean offline;

  @Override
  public Integer call() {
    CatalogConfig config = ConfigLoader.load(root.config);
    FetchSettings settings = FetchSettingsFromConfig.apply(config.fetch());
    try (SnapshotStore store = SnapshotStore.open(root.db, root.context.clock())) {
      RawArchive archive = new RawArchive();
      OkHttpClient http = offline ? HttpClients.offline(RawArchive.lookup(store))
          : HttpClients.create(settings, root.context.env().hubToken(), Sources.tokenOrigins(config, root.context.env()),
              root.context.env().httpsProxy());
      try {
        // Offline, nothing new is fetched, so nothing is archived again.
        Fetcher fetcher = offline ? new Fetcher(http, settings) : new Fetcher(http, settings).withListener(archive);
        SyncReport report = new SyncPipeline(config, Sources.create(config, root.context.env(), fetcher), store,
            root.context.clock(), acceptShrink, archive).run();
        return report(config, store, report);
      } finally {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      }
    }
  }

  private int report(CatalogConfig config, SnapshotStore store, SyncReport report) {
    PrintWriter out = root.context.out();
    for (SnapshotInfo s : report.snapshots()) {
      if (s.ok()) {
        out.printf("%s: ok, snapshot %d: %d models, %d missing, %d values added, %d closed%n", s.source(), s.id(),
            s.subjects(), s.missing(), s.valuesAdded(), s.valuesClosed());
      } else {
        out.printf("%s: FAILED, snapshot %d, previous data kept: %s%n", s.source(), s.id(), s.error());
      }
    }
    new ReviewArtifacts(config, store).writeIfChanged(report).ifPresent(w -> out.printf(
        "catalog %s%s; review: %s, %s%n", w.catalogChanged() ? "updated: " : "unchanged: ", w.catalog(), w.diff(), w.summary()));
    if (report.allOk()) {
      return ExitCodes.OK;
    }
    return report.allFailed() ? ExitCodes.FAILURE : ExitCodes.PARTIAL;
  }
}
