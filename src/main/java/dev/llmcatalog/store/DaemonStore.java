package dev.llmcatalog.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's heartbeat and schedule, so that {@code llm-catalog status} (another process) can tell whether a daemon
 * is alive and when each source runs next. On SQLite one daemon runs per database; on PostgreSQL several nodes share
 * the schedule (a cluster), each with its own row. Safe to share between the daemon's threads.
 */
public interface DaemonStore extends AutoCloseable {
  /**
   * A daemon (a node of the cluster on PostgreSQL) as {@code status} reads it; {@code node} names it as the runs it
   * ran do ({@code host:pid}); {@code stoppedAt} is null while it runs or after a crash.
   */
  record DaemonRow(String node, long pid, String host, String startedAt, String heartbeatAt, long heartbeatSeconds,
      String stoppedAt) {

    /** Alive: not stopped, and a heartbeat within three intervals of {@code now}. */
    public boolean aliveAt(Instant now) {
      return stoppedAt == null
          && !Instant.parse(heartbeatAt).plusSeconds(3 * heartbeatSeconds).isBefore(now);
    }
  }

  /** Opens (and creates or migrates) the SQLite database {@code file}. */
  static DaemonStore open(Path file, Clock clock) {
    return SqliteDaemonStore.open(file, clock);
  }

  /** Whether several daemons share this database (PostgreSQL), rather than one holding it (SQLite). */
  boolean clustered();

  /**
   * Records a starting daemon {@code node} and its schedule ({@code source -> cron}). On SQLite it replaces what an
   * earlier daemon left; in a cluster it adds the node beside the others and makes the schedule the config's.
   */
  void register(String node, long pid, String host, Instant startedAt, Duration heartbeat, Map<String, String> crons);

  /** Renews the heartbeat of the node this store registered. */
  void heartbeat();

  /** When {@code source} fires next; empty when it never fires again. */
  void recordNextFire(String source, Optional<Instant> next);

  /** A clean stop of the node this store registered: nothing fires any more, unless other nodes still run. */
  void markStopped();

  /** Every daemon this database knows of, newest start first: one at most on SQLite. */
  List<DaemonRow> listNodes();

  /** The newest daemon. */
  default Optional<DaemonRow> findDaemon() {
    return listNodes().stream().findFirst();
  }

  /** source -> next fire time (ISO-8601 UTC), only for sources that have one. */
  Map<String, String> loadNextFires();

  /** source -> the node that ran the source's newest snapshot, for sources a daemon ran last ({@code sync} names none). */
  Map<String, String> loadLastNodes();

  @Override
  void close();
}
