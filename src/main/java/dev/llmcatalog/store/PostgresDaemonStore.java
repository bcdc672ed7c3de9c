package dev.llmcatalog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's state on PostgreSQL, where several daemons (nodes) share one schedule: a row per node in
 * {@code daemon_node} with its own heartbeat, and the shared {@code daemon_schedule}. Each call borrows a pooled
 * connection, so the daemon's threads share this store without waiting for each other.
 */
final class PostgresDaemonStore implements DaemonStore {
  /** Rows of nodes gone (stopped or silent) for longer than this are forgotten when a node starts. */
  private static final Duration FORGET_AFTER = Duration.ofDays(7);

  private final Connections database;
  private final Clock clock;
  private volatile String node;

  PostgresDaemonStore(Connections database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public boolean clustered() {
    return true;
  }

  private static final String UPSERT_NODE = """
      INSERT INTO daemon_node(node, pid, host, started_at, heartbeat_at, heartbeat_seconds, stopped_at)
      VALUES (?, ?, ?, ?, ?, ?, NULL)
      ON CONFLICT (node) DO UPDATE SET pid = excluded.pid, host = excluded.host, started_at = excluded.started_at,
        heartbeat_at = excluded.heartbeat_at, heartbeat_seconds = excluded.heartbeat_seconds, stopped_at = NULL""";
  private static final String FORGET_NODES = "DELETE FROM daemon_node WHERE node <> ? AND heartbeat_at < ?";
  private static final String UPSERT_SCHEDULE = """
      INSERT INTO daemon_schedule(source, cron, next_fire_at) VALUES (?, ?, NULL)
      ON CONFLICT (source) DO UPDATE SET cron = excluded.cron""";
  private static final String DROP_SCHEDULES = "DELETE FROM daemon_schedule WHERE NOT (source = ANY (?))";

  /** {@inheritDoc} The schedule becomes this node's config: all nodes of a cluster should share one config. */
  @Override
  public void register(String node, long pid, String host, Instant startedAt, Duration heartbeat,
      Map<String, String> crons) {
    this.node = node;
    write("register daemon node " + node, c -> {
      String now = SqliteDaemonStore.format(startedAt);
      try (PreparedStatement ps = c.prepareStatement(UPSERT_NODE)) {
        ps.setString(1, node);
        ps.setLong(2, pid);
        ps.setString(3, host);
        ps.setString(4, now);
        ps.setString(5, now);
        ps.setLong(6, heartbeat.toSeconds());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(FORGET_NODES)) {
        ps.setString(1, node);
        ps.setString(2, SqliteDaemonStore.format(startedAt.minus(FORGET_AFTER)));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(UPSERT_SCHEDULE)) {
        for (Map.Entry<String, String> e : crons.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setString(2, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement(DROP_SCHEDULES)) {
        ps.setArray(1, c.createArrayOf("text", crons.keySet().toArray()));
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void heartbeat() {
    write("record the heartbeat of node " + node, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE daemon_node SET heartbeat_at = ? WHERE node = ?")) {
        ps.setString(1, now());
        ps.setString(2, node);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void recordNextFire(String source, Optional<Instant> next) {
    write("record the next fire of " + source, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE daemon_schedule SET next_fire_at = ? WHERE source = ?")) {
        Jdbc.setNullable(ps, 1, next.map(SqliteDaemonStore::format).orElse(null));
        ps.setString(2, source);
        return ps.executeUpdate();
      }
    });
  }

  /** {@inheritDoc} The schedule's next fire times stay while another node is alive: it goes on firing them. */
  @Override
  public void markStopped() {
    write("record the stop of node " + node, c -> {
      String now = now();
      try (PreparedStatement ps = c.prepareStatement("UPDATE daemon_node SET stopped_at = ?, heartbeat_at = ? WHERE node = ?")) {
        ps.setString(1, now);
        ps.setString(2, now);
        ps.setString(3, node);
        ps.executeUpdate();
      }
      Instant at = clock.instant();
      if (nodes(c).stream().noneMatch(n -> !n.node().equals(node) && n.aliveAt(at))) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE daemon_schedule SET next_fire_at = NULL")) {
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  @Override
  public List<DaemonRow> listNodes() {
    return read("read the daemon nodes", PostgresDaemonStore::nodes);
  }

  private static final String SELECT_NODES = """
      SELECT node, pid, host, started_at, heartbeat_at, heartbeat_seconds, stopped_at FROM daemon_node
      ORDER BY started_at DESC, node""";

  private static List<DaemonRow> nodes(Connection c) throws SQLException {
    List<DaemonRow> nodes = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SELECT_NODES); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        nodes.add(new DaemonRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getLong(6), rs.getString(7)));
      }
    }
    return nodes;
  }

  @Override
  public Map<String, String> loadNextFires() {
    String what = "read the daemon schedule";
    return read(what, c -> SqliteDaemonStore.pairs(c, SqliteDaemonStore.SELECT_NEXT_FIRES, what));
  }

  @Override
  public Map<String, String> loadLastNodes() {
    String what = "read which node ran each source";
    return read(what, c -> SqliteDaemonStore.pairs(c, SqliteDaemonStore.SELECT_LAST_NODES, what));
  }

  @Override
  public void close() {
    // Every call gave its connection back; the pool belongs to whoever opened the stores.
  }

  private <T> T write(String what, Jdbc.Work<T> work) {
    try (Connection c = database.connect()) {
      return Jdbc.inTransaction(c, what, work);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  private <T> T read(String what, Jdbc.Work<T> work) {
    try (Connection c = database.connect()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  private String now() {
    return SqliteDaemonStore.format(clock.instant());
  }
}
