package dev.llmcatalog.cli;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.store.DaemonStore;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.store.Stores;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the daemon's heartbeat (alive, stale or stopped) and per source the last success, the last"
        + " failure with its error and the next fire time, as recorded in the database.",
        "On PostgreSQL: every node of the cluster (host, pid, last check-in, alive, STALE or stopped) and, per source, the"
        + " node that ran it last."})
final class StatusCommand implements Callable<Integer> {
  private static final String FORMAT = "%-12s  %-24s  %-24s  %-24s  %s";
  private static final String CLUSTER_FORMAT = "%-12s  %-24s  %-24s  %-24s  %-20s  %s";
  private static final String NODE_FORMAT = "%-20s  %-8s  %-24s  %-24s  %s";
  private static final String NONE = "-";

  @ParentCommand
  RootCommand root;

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    Instant now = root.context.clock().instant();
    PrintWriter out = root.context.out();
    try (Stores stores = root.openStores(Stores.COMMAND_CONNECTIONS); SnapshotStore snapshots = stores.snapshots();
        DaemonStore daemons = stores.daemon()) {
      List<DaemonStore.DaemonRow> nodes = daemons.listNodes();
      boolean alive = nodes.stream().anyMatch(d -> d.aliveAt(now));
      Map<String, String> ranOn = Map.of();
      if (daemons.clustered()) {
        printNodes(out, nodes, now);
        ranOn = daemons.loadLastNodes();
      } else {
        out.println(daemonLine(nodes.stream().findFirst(), now));
      }
      // A dead daemon's next fire times would mislead: shown only while one is alive.
      Map<String, String> next = alive ? daemons.loadNextFires() : Map.of();
      String format = daemons.clustered() ? CLUSTER_FORMAT : FORMAT;
      if (daemons.clustered()) {
        row(out, format, "SOURCE", "LAST SUCCESS", "LAST FAILURE", "NEXT FIRE", "LAST RUN ON", "ERROR");
      } else {
        row(out, format, "SOURCE", "LAST SUCCESS", "LAST FAILURE", "NEXT FIRE", "ERROR");
      }
      for (String source : config.sources()) {
        Optional<SnapshotInfo> failure = snapshots.findLatestFailure(source);
        String success = snapshots.findLatest(source).map(SnapshotInfo::finishedAt).orElse(NONE);
        String failed = failure.map(SnapshotInfo::finishedAt).orElse(NONE);
        String error = failure.map(f -> f.error().replace("\n", " ")).orElse("");
        if (daemons.clustered()) {
          row(out, format, source, success, failed, next.getOrDefault(source, NONE), ranOn.getOrDefault(source, NONE), error);
        } else {
          row(out, format, source, success, failed, next.getOrDefault(source, NONE), error);
        }
      }
      return ExitCodes.OK;
    }
  }

  private static void row(PrintWriter out, String format, String... cells) {
    out.println(String.format(format, (Object[]) cells).stripTrailing());
  }

  /** The cluster's nodes: alive while they check in, STALE when they stopped checking in (killed or hung), or stopped. */
  private static void printNodes(PrintWriter out, List<DaemonStore.DaemonRow> nodes, Instant now) {
    long alive = nodes.stream().filter(d -> d.aliveAt(now)).count();
    long stale = nodes.stream().filter(d -> d.stoppedAt() == null && !d.aliveAt(now)).count();
    out.println(nodes.isEmpty() ? "cluster: no daemon ever ran on this database"
        : "cluster: " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes") + ", " + alive + " alive"
            + (stale > 0 ? ", " + stale + " STALE" : ""));
    if (nodes.isEmpty()) {
      return;
    }
    row(out, NODE_FORMAT, "HOST", "PID", "STARTED", "LAST CHECK-IN", "STATE");
    for (DaemonStore.DaemonRow d : nodes) {
      String state;
      if (d.stoppedAt() != null) {
        state = "stopped";
      } else if (d.aliveAt(now)) {
        state = "alive";
      } else {
        state = "STALE: no check-in for " + Duration.between(Instant.parse(d.heartbeatAt()), now).toSeconds()
            + " s (killed or hung)";
      }
      row(out, NODE_FORMAT, d.host(), Long.toString(d.pid()), d.startedAt(), d.heartbeatAt(), state);
    }
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
