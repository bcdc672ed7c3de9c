package dev.llmcatalog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** One open database connection and the clock its writes stamp, shared by the SQLite stores of one {@link SnapshotStore}. */
final class Session implements AutoCloseable {
  final Connection connection;
  private final Clock clock;

  Session(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  /** Binds the parameters of a statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Every row of {@code sql}; a failure says it could not do {@code what}. */
  <T> List<T> query(String what, String sql, Binder binder, RowMapper<T> mapper) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  <T> T inTransaction(String what, Jdbc.Work<T> work) {
    return Jdbc.inTransaction(connection, what, work);
  }

  /** Now, as stored: ISO-8601 UTC to the millisecond. */
  String now() {
    return format(clock.instant());
  }

  static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  static long generatedKey(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("no generated key");
      }
      return keys.getLong(1);
    }
  }

  static void closeQuietly(Statement statement, SQLException failure) {
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the database", e);
    }
  }
}
