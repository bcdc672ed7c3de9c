package dev.llmcatalog.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's heartbeat and schedule, so that {@code llm-catalog status} (another process) can tell whether a daemon
 * is alive and when each source runs next. Safe to share between the daemon's threads.
 */
public interface DaemonStore extends AutoCloseable {
  /** The daemon row as {@code status} reads it; {@code stoppedAt} is null while it runs or after a crash. */
  record DaemonRow(long pid, String host, String startedAt, String heartbeatAt, long heartbeatSeconds,
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

  /** Records a starting daemon and its schedule ({@code source -> cron}), replacing what an earlier one left. */
  void register(long pid, String host, Instant startedAt, Duration heartbeat, Map<String, String> crons);

  void heartbeat();

  /** When {@code source} fires next; empty when it never fires again. */
  void recordNextFire(String source, Optional<Instant> next);

  /** A clean stop: nothing fires any more. */
  void markStopped();

  Optional<DaemonRow> findDaemon();

  /** source -> next fire time (ISO-8601 UTC), only for sources that have one. */
  Map<String, String> loadNextFires();

  @Override
  void close();
}
