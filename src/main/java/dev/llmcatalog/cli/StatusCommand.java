package dev.llmcatalog.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.store.DaemonStore;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the daemon's heartbeat (alive, stale or stopped) and per source the last success, the last"
        + " failure with its error and the next fire time, as recorded in the database."})
final class StatusCommand implements Callable<Integer> {
  private static final String FORMAT = "%-14s  %-24s  %-24s  %-24s  %s";
  private static final String NONE = "-";

  @ParentCommand
  RootCommand root;

  @Mixin
  OutputFormat format;

  /** One source's line: times ISO-8601 UTC, null when there is none; the error is that of the last failure. */
  record SourceStatus(String source, String lastSuccess, String lastFailure, String nextFire, String error) {}

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    Instant now = root.context.clock().instant();
    PrintWriter out = root.context.out();
    try (SnapshotStore snapshots = SnapshotStore.open(root.db, root.context.clock());
        DaemonStore daemons = DaemonStore.open(root.db, root.context.clock())) {
      Optional<DaemonStore.DaemonRow> daemon = daemons.findDaemon();
      // A dead daemon's next fire times would mislead: shown only while it is alive.
      Map<String, String> next = daemon.filter(d -> d.aliveAt(now)).isPresent() ? daemons.loadNextFires() : Map.of();
      List<SourceStatus> sources = new ArrayList<>();
      for (String source : config.sources()) {
        Optional<SnapshotInfo> failure = snapshots.findLatestFailure(source);
        sources.add(new SourceStatus(source, snapshots.findLatest(source).map(SnapshotInfo::finishedAt).orElse(null),
            failure.map(SnapshotInfo::finishedAt).orElse(null), next.get(source),
            failure.map(f -> f.error().replace("\n", " ")).orElse(null)));
      }
      if (format.json()) {
        Json.print(out, json(daemon, now, sources));
        return ExitCodes.OK;
      }
      out.println(daemonLine(daemon, now));
      row(out, "SOURCE", "LAST SUCCESS", "LAST FAILURE", "NEXT FIRE", "ERROR");
      for (SourceStatus s : sources) {
        row(out, s.source(), orNone(s.lastSuccess()), orNone(s.lastFailure()), orNone(s.nextFire()),
            s.error() == null ? "" : s.error());
      }
      return ExitCodes.OK;
    }
  }

  private static ObjectNode json(Optional<DaemonStore.DaemonRow> daemon, Instant now, List<SourceStatus> sources) {
    ObjectNode json = Json.object();
    DaemonStore.DaemonRow d = daemon.orElse(null);
    json.putObject("daemon")
        .put("state", state(daemon, now))
        .put("pid", d == null ? null : d.pid())
        .put("host", d == null ? null : d.host())
        .put("started_at", d == null ? null : d.startedAt())
        .put("heartbeat_at", d == null ? null : d.heartbeatAt())
        .put("stopped_at", d == null ? null : d.stoppedAt());
    ArrayNode list = json.putArray("sources");
    for (SourceStatus s : sources) {
      list.addObject().put("source", s.source()).put("last_success", s.lastSuccess()).put("last_failure", s.lastFailure())
          .put("next_fire", s.nextFire()).put("error", s.error());
    }
    return json;
  }

  /** {@code never_ran}, {@code stopped}, {@code alive} or {@code stale}, as the text's first line says it. */
  private static String state(Optional<DaemonStore.DaemonRow> row, Instant now) {
    if (row.isEmpty()) {
      return "never_ran";
    }
    if (row.get().stoppedAt() != null) {
      return "stopped";
    }
    return row.get().aliveAt(now) ? "alive" : "stale";
  }

  private static String orNone(String value) {
    return value == null ? NONE : value;
  }

  private static void row(PrintWriter out, String... cells) {
    out.println(String.format(FORMAT, (Object[]) cells).stripTrailing());
  }

  private static String daemonLine(Optional<DaemonStore.DaemonRow> row, Instant now) {
    if (row.isEmpty()) {
      return "daemon: never ran on this database";
    }
    DaemonStore.DaemonRow d = row.get();
    String who = "pid " + d.pid() + " on host " + d.host() + ", started " + d.startedAt();
    if (d.stoppedAt() != null) {
      return "daemon: stopped at " + d.stoppedAt() + " (" + who + ")";
    }
    if (d.aliveAt(now)) {
      return "daemon: alive, " + who + ", last heartbeat " + d.heartbeatAt();
    }
    return "daemon: STALE, no heartbeat since " + d.heartbeatAt() + " (" + who + "): it crashed or hangs";
  }
}
