package dev.llmcatalog.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.store.DaemonStore;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.store.Stores;
import java.io.PrintWriter;
import java.time.Duration;
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

  @Mixin
  OutputFormat format;

  /**
   * One source's line: times ISO-8601 UTC, null when there is none; the error is that of the last failure; lastRunOn
   * the {@code host:pid} of the cluster node that ran its newest snapshot (null for a sync, and always on SQLite).
   */
  record SourceStatus(String source, String lastSuccess, String lastFailure, String nextFire, String lastRunOn,
      String error) {}

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    Instant now = root.context.clock().instant();
    PrintWriter out = root.context.out();
    try (Stores stores = root.openStores(Stores.COMMAND_CONNECTIONS); SnapshotStore snapshots = stores.snapshots();
        DaemonStore daemons = stores.daemon()) {
      List<DaemonStore.DaemonRow> nodes = daemons.listNodes();
      boolean clustered = daemons.clustered();
      Map<String, String> ranOn = clustered ? daemons.loadLastNodes() : Map.of();
      // A dead daemon's next fire times would mislead: shown only while one is alive.
      Map<String, String> next = nodes.stream().anyMatch(d -> d.aliveAt(now)) ? daemons.loadNextFires() : Map.of();
      List<SourceStatus> sources = new ArrayList<>();
      for (String source : config.sources()) {
        Optional<SnapshotInfo> failure = snapshots.findLatestFailure(source);
        sources.add(new SourceStatus(source, snapshots.findLatest(source).map(SnapshotInfo::finishedAt).orElse(null),
            failure.map(SnapshotInfo::finishedAt).orElse(null), next.get(source), ranOn.get(source),
            failure.map(f -> f.error().replace("\n", " ")).orElse(null)));
      }
      if (format.json()) {
        Json.print(out, json(clustered, nodes, now, sources));
        return ExitCodes.OK;
      }
      if (clustered) {
        printNodes(out, nodes, now);
        row(out, CLUSTER_FORMAT, "SOURCE", "LAST SUCCESS", "LAST FAILURE", "NEXT FIRE", "LAST RUN ON", "ERROR");
      } else {
        out.println(daemonLine(nodes.stream().findFirst(), now));
        row(out, FORMAT, "SOURCE", "LAST SUCCESS", "LAST FAILURE", "NEXT FIRE", "ERROR");
      }
      for (SourceStatus s : sources) {
        String error = s.error() == null ? "" : s.error();
        if (clustered) {
          row(out, CLUSTER_FORMAT, s.source(), orNone(s.lastSuccess()), orNone(s.lastFailure()), orNone(s.nextFire()),
              orNone(s.lastRunOn()), error);
        } else {
          row(out, FORMAT, s.source(), orNone(s.lastSuccess()), orNone(s.lastFailure()), orNone(s.nextFire()), error);
        }
      }
      return ExitCodes.OK;
    }
  }

  /**
   * SQLite: {@code daemon} is its one daemon, {@code cluster} null. PostgreSQL: {@code daemon} null, {@code cluster}
   * lists every node, as the text does. Every source has {@code last_run_on} (null on SQLite).
   */
  private static ObjectNode json(boolean clustered, List<DaemonStore.DaemonRow> nodes, Instant now,
      List<SourceStatus> sources) {
    ObjectNode json = Json.object();
    if (clustered) {
      json.putNull("daemon");
      ArrayNode list = json.putObject("cluster").putArray("nodes");
      nodes.forEach(d -> daemon(list.addObject(), Optional.of(d), now));
    } else {
      daemon(json.putObject("daemon"), nodes.stream().findFirst(), now);
      json.putNull("cluster");
    }
    ArrayNode list = json.putArray("sources");
    for (SourceStatus s : sources) {
      list.addObject().put("source", s.source()).put("last_success", s.lastSuccess()).put("last_failure", s.lastFailure())
          .put("next_fire", s.nextFire()).put("last_run_on", s.lastRunOn()).put("error", s.error());
    }
    return json;
  }

  private static void daemon(ObjectNode json, Optional<DaemonStore.DaemonRow> daemon, Instant now) {
    DaemonStore.DaemonRow d = daemon.orElse(null);
    json.put("state", state(daemon, now))
        .put("pid", d == null ? null : d.pid())
        .put("host", d == null ? null : d.host())
        .put("started_at", d == null ? null : d.startedAt())
        .put("heartbeat_at", d == null ? null : d.heartbeatAt())
        .put("stopped_at", d == null ? null : d.stoppedAt());
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
