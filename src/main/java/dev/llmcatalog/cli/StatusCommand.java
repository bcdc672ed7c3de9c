package dev.llmcatalog.cli;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.store.DaemonStore;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the daemon's heartbeat (alive, stale or stopped) and per source the last success, the last"
        + " failure with its error and the next fire time, as recorded in the database."})
final class StatusCommand implements Callable<Integer> {
  private static final String FORMAT = "%-12s  %-24s  %-24s  %-24s  %s";
  private static final String NONE = "-";

  @ParentCommand
  RootCommand root;

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    Instant now = root.context.clock().instant();
    PrintWriter out = root.context.out();
    try (SnapshotStore snapshots = SnapshotStore.open(root.db, root.context.clock());
        DaemonStore daemons = DaemonStore.open(root.db, root.context.clock())) {
      Optional<DaemonStore.DaemonRow> daemon = daemons.findDaemon();
      out.println(daemonLine(daemon, now));
      // A dead daemon's next fire times would mislead: shown only while it is alive.
      Map<String, String> next = daemon.filter(d -> d.aliveAt(now)).isPresent() ? daemons.loadNextFires() : Map.of();
      row(out, "SOURCE", "LAST SUCCESS", "LAST FAILURE", "NEXT FIRE", "ERROR");
      for (String source : config.sources()) {
        Optional<SnapshotInfo> failure = snapshots.findLatestFailure(source);
        row(out, source, snapshots.findLatest(source).map(SnapshotInfo::finishedAt).orElse(NONE),
            failure.map(SnapshotInfo::finishedAt).orElse(NONE), next.getOrDefault(source, NONE),
            failure.map(f -> f.error().replace("\n", " ")).orElse(""));
      }
      return ExitCodes.OK;
    }
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
