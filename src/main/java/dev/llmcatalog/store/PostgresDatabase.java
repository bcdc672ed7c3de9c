package dev.llmcatalog.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.llmcatalog.config.ConfigException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A PostgreSQL database behind a small HikariCP pool, its schema brought up to date once. The pool serves the
 * stores' sessions, the cursors of state reads and, in the daemon, Quartz's clustered job store.
 */
final class PostgresDatabase implements Connections {
  /** The high 32 bits of the advisory lock keys of {@link #lockSource} ("llm-"); the low 32 are the source's hash. */
  private static final long SOURCE_LOCKS = 0x6c6c6d2d_00000000L;
  /** "database does not exist": a wrong --db, the user's mistake. */
  private static final String NO_SUCH_DATABASE = "3D000";

  private final DbLocation location;
  private final HikariDataSource pool;

  private PostgresDatabase(DbLocation location, HikariDataSource pool) {
    this.location = location;
    this.pool = pool;
  }

  /**
   * Connects (at most {@code maxConnections} at once) and migrates. The password goes to the driver as a property
   * of its own, never inside a URL that the pool, Flyway or an error message could show.
   */
  static PostgresDatabase open(DbLocation location, int maxConnections) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("llm-catalog");
    config.setJdbcUrl(location.url());
    location.user().ifPresent(config::setUsername);
    location.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(1);
    config.setIdleTimeout(Duration.ofMinutes(1).toMillis());
    // Multi-row INSERTs from JDBC batches: a 100,000-model snapshot is over a million rows.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "llm-catalog");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw failure(location, e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations(Dialect.POSTGRESQL.migrations())
          .javaMigrations(new V3__Readable_views())
          .loggers("slf4j")
          .load()
          .migrate();
      return new PostgresDatabase(location, pool);
    } catch (FlywayException e) {
      pool.close();
      throw SqliteDatabase.sqlCause(e).map(s -> new StoreException("cannot migrate " + location, s))
          .orElseGet(() -> new StoreException("cannot migrate " + location, new SQLException(firstLine(e.getMessage()))));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static RuntimeException failure(DbLocation location, RuntimeException e) {
    Optional<SQLException> cause = SqliteDatabase.sqlCause(e);
    if (cause.isPresent() && NO_SUCH_DATABASE.equals(cause.get().getSQLState())) {
      return new ConfigException("--db: " + location + ": " + firstLine(cause.get().getMessage())
          + " (create it first, e.g. createdb)");
    }
    return new StoreException("cannot connect to " + location, cause.orElse(new SQLException(firstLine(e.getMessage()))));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  public Connection connect() {
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      throw new StoreException("cannot connect to " + location, e);
    }
  }

  @Override
  public Connection forCursor(Connection session) {
    Connection c = connect();
    try {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      return c;
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new StoreException("cannot read from " + location, e);
    }
  }

  @Override
  public Optional<DataSource> dataSource() {
    return Optional.of(pool);
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public Stores.Lock lockSource(Connection c, String source) {
    long key = SOURCE_LOCKS | Integer.toUnsignedLong(source.hashCode());
    try {
      Dialect.POSTGRESQL.lockSession(c, key, true);
    } catch (SQLException e) {
      throw new StoreException("cannot lock the writes of " + source, e);
    }
    return () -> {
      try {
        Dialect.POSTGRESQL.lockSession(c, key, false); // before the connection goes back to the pool, session and all
      } catch (SQLException e) {
        throw new StoreException("cannot unlock the writes of " + source, e);
      }
    };
  }
}
