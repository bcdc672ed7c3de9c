package dev.llmcatalog.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.app.ReviewArtifacts;
import dev.llmcatalog.app.SyncReport;
import dev.llmcatalog.app.SyncService;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.progress.SyncProgress;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Fetch every source (or each --source) once and store one snapshot per source (cron-friendly).")
final class SyncCommand implements Callable<Integer> {
  enum Progress { auto, bar, log, none }

  @ParentCommand
  RootCommand root;

  @Spec
  CommandSpec spec;

  @Option(names = "--accept-shrink",
      description = "Accept a source whose result is empty or has collapsed (see validation.max_shrink) instead of"
          + " rejecting it, and let the values of a part no longer listed (an OpenCompass edition) close.")
  boolean acceptShrink;

  @Option(names = "--source", paramLabel = "NAME",
      description = "Sync only this source, e.g. to retry the one that failed; repeatable (default: every source of the"
          + " config's sources, in that order).")
  List<String> only = new ArrayList<>();

  @Option(names = "--offline",
      description = "No network: answer every request from the raw archive (the newest body per URL), e.g. to"
          + " re-normalize after a parser fix.")
  boolean offline;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "Progress of long syncs on stderr (models done of total, requests, retries, ETA): bar (redrawn in"
          + " place), log (a line every --progress-interval seconds), none, or auto: the bar when stderr is a terminal"
          + " unless NO_COLOR is set or TERM is dumb, else log (default: ${DEFAULT-VALUE}).")
  Progress progress;

  @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
      description = "Seconds between two progress log lines, the first after as long; 0 logs every update"
          + " (default: ${DEFAULT-VALUE}).")
  int progressInterval;

  @Mixin
  OutputFormat format;

  /** The review files of this run, if it wrote any: what the notifications send. */
  private Optional<ReviewArtifacts.Written> written = Optional.empty();

  @Override
  public Integer call() {
    if (progressInterval < 0) {
      throw new ParameterException(spec.commandLine(), "--progress-interval must be at least 0, got " + progressInterval);
    }
    CatalogConfig config = root.loadConfig();
    checkSources(config.sources());
    try (SyncProgress shown = progress(); SnapshotStore store = root.openStore();
        SyncService service = offline ? SyncService.offline(config, root.context.world(), store)
            : SyncService.online(config, root.context.world())) {
      SyncReport report = service.sync(store, only, acceptShrink, shown);
      int exit = report(config, store, report);
      service.notify(store, report, written); // never changes the exit code
      return exit;
    }
  }

  private void checkSources(List<String> configured) {
    for (String name : only) {
      if (!configured.contains(name)) {
        throw new ParameterException(spec.commandLine(), "--source: unknown source '" + name + "' (configured sources: "
            + String.join(", ", configured) + ")");
      }
    }
  }

  /** Progress goes to stderr (the bar) or the log, never to stdout, whose lines scripts read. */
  private SyncProgress progress() {
    switch (resolve(progress, root.context.errTerminal(), root.context.env())) {
      case bar:
        return SyncProgress.bar(root.context.err(), root.context.clock());
      case log:
        return SyncProgress.log(root.context.clock(), Duration.ofSeconds(progressInterval));
      default:
        return SyncProgress.none();
    }
  }

  /** {@code auto} is the bar on a terminal that takes it (not {@code TERM=dumb}, no {@code NO_COLOR}), else log lines. */
  static Progress resolve(Progress mode, boolean terminal, Environment env) {
    if (mode != Progress.auto) {
      return mode;
    }
    boolean dumb = env.find("TERM").map("dumb"::equals).orElse(false);
    return terminal && !dumb && env.find("NO_COLOR").isEmpty() ? Progress.bar : Progress.log;
  }

  private int report(CatalogConfig config, SnapshotStore store, SyncReport report) {
    PrintWriter out = root.context.out();
    written = new ReviewArtifacts(config, store).writeIfChanged(report);
    if (format.json()) {
      ObjectNode json = Json.object();
      ArrayNode list = json.putArray("snapshots");
      report.snapshots().forEach(s -> Json.putSnapshot(list.addObject(), s));
      written.ifPresentOrElse(w -> json.putObject("catalog").put("path", w.catalog().toString())
          .put("changed", w.catalogChanged()).put("diff", w.diff().toString()).put("summary", w.summary().toString())
          .set("charts", chartPaths(w.charts())), () -> json.putNull("catalog"));
      Json.print(out, json);
    } else {
      printText(out, report, written);
    }
    if (report.allOk()) {
      return ExitCodes.OK;
    }
    return report.allFailed() ? ExitCodes.FAILURE : ExitCodes.PARTIAL;
  }

  private static ArrayNode chartPaths(List<Path> charts) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    charts.forEach(c -> list.add(c.toString()));
    return list;
  }

  private static void printText(PrintWriter out, SyncReport report, Optional<ReviewArtifacts.Written> written) {
    for (SnapshotInfo s : report.snapshots()) {
      if (s.ok()) {
        out.printf("%s: %s, snapshot %d: %d models, %d missing, %d values added, %d closed%s%n", s.source(),
            s.partial() ? "PARTIAL" : "ok", s.id(), s.subjects(), s.missing(), s.valuesAdded(), s.valuesClosed(),
            s.partial() ? "; previous data kept for " + s.warning() : "");
      } else {
        out.printf("%s: FAILED, snapshot %d, previous data kept: %s%n", s.source(), s.id(), s.error());
      }
    }
    written.ifPresent(w -> {
      out.printf("catalog %s%s; review: %s, %s%n", w.catalogChanged() ? "updated: " : "unchanged: ", w.catalog(), w.diff(),
          w.summary());
      if (!w.charts().isEmpty()) {
        out.printf("charts updated: %s%n", String.join(", ", w.charts().stream().map(Path::toString).toList()));
      }
    });
  }
}
