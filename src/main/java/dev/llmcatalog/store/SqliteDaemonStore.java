package dev.llmcatalog.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's heartbeat and schedule in SQLite: one daemon per database (a lock file keeps a second one from
 * starting), one row. One connection, shared by the daemon's threads: every method is synchronized.
 */
final class SqliteDaemonStore implements DaemonStore {
  private final Connection connection;
  private final Clock clock;

  private SqliteDaemonStore(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  /** Opens (and creates or migrates) the database file. */
  static SqliteDaemonStore open(Path file, Clock clock) {
    return new SqliteDaemonStore(SqliteDatabase.open(file).connect(), clock);
  }

  /** On a connection of {@code database}, whose schema is up to date. */
  static SqliteDaemonStore on(Connections database, Clock clock) {
    return new SqliteDaemonStore(database.connect(), clock);
  }

  @Override
  public boolean clustered() {
    return false;
  }

  private static final String UPSERT_DAEMON = """
      INSERT INTO daemon(id, pid, host, started_at, heartbeat_at, heartbeat_seconds, stopped_at)
      VALUES (1, ?, ?, ?, ?, ?, NULL)
      ON CONFLICT(id) DO UPDATE SET pid = excluded.pid, host = excluded.host, started_at = excluded.started_at,
        heartbeat_at = excluded.heartbeat_at, heartbeat_seconds = excluded.heartbeat_seconds, stopped_at = NULL""";
  private static final String INSERT_SCHEDULE = "INSERT INTO daemon_schedule(source, cron, next_fire_at) VALUES (?, ?, NULL)";

  @Override
  public synchronized void register(String node, long pid, String host, Instant startedAt, Duration heartbeat,
      Map<String, String> crons) {
    inTransaction("register the daemon", c -> {
      String now = format(startedAt);
      try (PreparedStatement ps = c.prepareStatement(UPSERT_DAEMON)) {
        ps.setLong(1, pid);
        ps.setString(2, host);
        ps.setString(3, now);
        ps.setString(4, now);
        ps.setLong(5, heartbeat.toSeconds());
        ps.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM daemon_schedule");
      }
      try (PreparedStatement ps = c.prepareStatement(INSERT_SCHEDULE)) {
        for (Map.Entry<String, String> e : crons.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setString(2, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public synchronized void heartbeat() {
    inTransaction("record the daemon heartbeat", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE daemon SET heartbeat_at = ? WHERE id = 1")) {
        ps.setString(1, now());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public synchronized void recordNextFire(String source, Optional<Instant> next) {
    inTransaction("record the next fire of " + source, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE daemon_schedule SET next_fire_at = ? WHERE source = ?")) {
        ps.setString(1, next.map(SqliteDaemonStore::format).orElse(null));
        ps.setString(2, source);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public synchronized void markStopped() {
    inTransaction("record the daemon stop", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE daemon SET stopped_at = ?, heartbeat_at = ? WHERE id = 1");
          Statement s = c.createStatement()) {
        String now = now();
        ps.setString(1, now);
        ps.setString(2, now);
        ps.executeUpdate();
        return s.executeUpdate("UPDATE daemon_schedule SET next_fire_at = NULL");
      }
    });
  }

  private static final String SELECT_DAEMON =
      "SELECT pid, host, started_at, heartbeat_at, heartbeat_seconds, stopped_at FROM daemon WHERE id = 1";

  @Override
  public synchronized List<DaemonRow> listNodes() {
    try (PreparedStatement ps = connection.prepareStatement(SELECT_DAEMON); ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? List.of(new DaemonRow(rs.getString(2) + ":" + rs.getLong(1), rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getLong(5), rs.getString(6)))
          : List.of();
    } catch (SQLException e) {
      throw new StoreException("cannot read the daemon row", e);
    }
  }

  @Override
  public synchronized Map<String, String> loadNextFires() {
    return pairs(connection, SELECT_NEXT_FIRES, "read the daemon schedule");
  }

  @Override
  public synchronized Map<String, String> loadLastNodes() {
    return pairs(connection, SELECT_LAST_NODES, "read which node ran each source");
  }

  static final String SELECT_NEXT_FIRES =
      "SELECT source, next_fire_at FROM daemon_schedule WHERE next_fire_at IS NOT NULL ORDER BY source";

  static final String SELECT_LAST_NODES = """
      SELECT s.source, r.node FROM snapshot s JOIN run r ON r.id = s.run_id
      WHERE s.id IN (SELECT max(id) FROM snapshot GROUP BY source) AND r.node IS NOT NULL ORDER BY s.source""";

  /** The two columns of {@code sql}'s rows as a map, in order; shared with the cluster's store (same tables). */
  static Map<String, String> pairs(Connection connection, String sql, String what) {
    Map<String, String> pairs = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        pairs.put(rs.getString(1), rs.getString(2));
      }
      return pairs;
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the database", e);
    }
  }

  private <T> T inTransaction(String what, Jdbc.Work<T> work) {
    return Jdbc.inTransaction(connection, what, work);
  }

  private String now() {
    return format(clock.instant());
  }

  /** Always with milliseconds, so that times line up in {@code status}. */
  static String format(Instant instant) {
    return TIME.format(instant);
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
}
