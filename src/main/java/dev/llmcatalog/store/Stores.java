package dev.llmcatalog.store;

import dev.llmcatalog.config.Environment;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database {@code --db} names, opened once per process: an SQLite file or a PostgreSQL database (with its
 * connection pool), its schema migrated. Hands out the stores by role: {@link #snapshots} for one unit of work (a
 * command, a daemon job), {@link #daemon} for the daemon's own state. Closing it closes the pool.
 */
public final class Stores implements AutoCloseable {
  /** Connections a command needs at most: its session and the two cursors of a diff, plus one to spare. */
  public static final int COMMAND_CONNECTIONS = 4;

  private final DbLocation location;
  private final Connections connections;
  private final Clock clock;

  private Stores(DbLocation location, Connections connections, Clock clock) {
    this.location = location;
    this.connections = connections;
    this.clock = clock;
  }

  /**
   * Opens {@code location} (a file, {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}), creating or migrating
   * its schema, with at most {@code maxConnections} connections to PostgreSQL at once.
   *
   * @throws dev.llmcatalog.config.ConfigException when {@code location} names no database this tool can use
   */
  public static Stores open(String location, Environment env, Clock clock, int maxConnections) {
    return open(DbLocation.parse(location, env), clock, maxConnections);
  }

  public static Stores open(DbLocation location, Clock clock, int maxConnections) {
    Connections connections = location.file().<Connections>map(SqliteDatabase::open)
        .orElseGet(() -> PostgresDatabase.open(location, maxConnections));
    return new Stores(location, connections, clock);
  }

  /** The one-shot commands: a snapshot store whose close also closes the database. */
  public static SnapshotStore openSnapshots(String location, Environment env, Clock clock) {
    Stores stores = open(location, env, clock, COMMAND_CONNECTIONS);
    return stores.session(null, stores);
  }

  /** A snapshot store of its own (one connection), e.g. for one command or one daemon job. */
  public SnapshotStore snapshots() {
    return session(null, null);
  }

  /** As {@link #snapshots}, for a daemon node: the runs it begins name {@code node}. */
  public SnapshotStore snapshots(String node) {
    return session(node, null);
  }

  SnapshotStore session(String node, AutoCloseable owner) {
    try {
      return new JdbcSnapshotStore(new Session(connections, clock, node, owner));
    } catch (RuntimeException e) {
      if (owner != null) {
        close();
      }
      throw e;
    }
  }

  /** The daemon's own state: one daemon on SQLite, the nodes of a cluster on PostgreSQL. */
  public DaemonStore daemon() {
    return location.isPostgresql() ? new PostgresDaemonStore(connections, clock) : SqliteDaemonStore.on(connections, clock);
  }

  public DbLocation location() {
    return location;
  }

  /**
   * Copies this database's whole history (runs, snapshots, values, publications, the raw archive, with their ids)
   * into {@code target}, which must hold no run yet; returns the rows copied per table.
   *
   * @throws dev.llmcatalog.config.ConfigException when {@code target} is not empty
   */
  public Map<String, Long> copyTo(Stores target) {
    return DatabaseCopy.copy(connections, target.connections, target.location);
  }

  /** A lock held until closed. */
  public interface Lock extends AutoCloseable {
    @Override
    void close();
  }

  /** Key of the lock {@link #lockDaemonStarts} takes. */
  private static final long DAEMON_START = 0x6c6c6d2d737461L;

  /**
   * Waits until no other daemon of this database is starting, and keeps others from starting until closed: a starting
   * node reads what the others scheduled and ran, then schedules, as if alone. Released also when the process dies.
   */
  public Lock lockDaemonStarts() {
    Connection c = connections.connect();
    try {
      connections.dialect().lockSession(c, DAEMON_START, true);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreException("cannot lock " + location + " for a daemon start", e);
    }
    return () -> {
      try {
        connections.dialect().lockSession(c, DAEMON_START, false);
      } catch (SQLException e) {
        throw new StoreException("cannot unlock " + location + " after a daemon start", e);
      } finally {
        closeQuietly(c);
      }
    };
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the session ends either way, and its lock with it
    }
  }

  /** Whether several daemons can share this database (PostgreSQL). */
  public boolean clusterable() {
    return location.isPostgresql();
  }

  /** The connection pool, for Quartz's clustered job store; empty on SQLite. */
  public Optional<DataSource> dataSource() {
    return connections.dataSource();
  }

  @Override
  public void close() {
    connections.close();
  }
}
