package dev.llmcatalog.testsupport;

import dev.llmcatalog.config.Environment;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test's database of either kind, for the tests that every store must pass: where it is ({@link #location}, as
 * {@code --db} takes it), the store on it, and plain JDBC for the test's own checks. Numbers read by {@link #rows}
 * are {@code long}s whatever the column type, so that expectations hold for both.
 */
public final class TestDatabase {
  /** The two databases llm-catalog stores into. */
  public enum Kind { SQLITE, POSTGRESQL }

  private final Kind kind;
  private final String location;
  private final String jdbcUrl;

  private TestDatabase(Kind kind, String location, String jdbcUrl) {
    this.kind = kind;
    this.location = location;
    this.jdbcUrl = jdbcUrl;
  }

  /** A new database: the file {@code dir/name} (not created yet), or a fresh PostgreSQL database. */
  public static TestDatabase create(Kind kind, Path dir, String name) {
    if (kind == Kind.SQLITE) {
      Path file = dir.resolve(name);
      return new TestDatabase(kind, file.toString(), "jdbc:sqlite:" + file);
    }
    String url = TestPostgres.freshDatabase();
    return new TestDatabase(kind, TestPostgres.withCredentials(url), url);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isPostgresql() {
    return kind == Kind.POSTGRESQL;
  }

  /** As {@code --db} takes it (a PostgreSQL URL carries the test user's credentials). */
  public String location() {
    return location;
  }

  /** A snapshot store on this database, closed with the database. */
  public SnapshotStore open(Clock clock) {
    return Stores.openSnapshots(location, new Environment(Map.of()), clock);
  }

  /** A plain connection for the test's own queries. */
  public Connection connect() throws SQLException {
    return isPostgresql() ? TestPostgres.connect(jdbcUrl) : DriverManager.getConnection(jdbcUrl);
  }

  /** Runs statements, each in its own transaction. */
  public void execute(String... statements) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** Every row of {@code sql}; numbers as {@code long}, other values as read. */
  public List<List<Object>> rows(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          row.add(value instanceof Number n && !(value instanceof Double) ? (Object) n.longValue() : value);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The first column of the first row of {@code sql}, as a number. */
  public long count(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
