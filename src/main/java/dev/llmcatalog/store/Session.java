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

/**
 * One open database connection, the clock its writes stamp and the daemon node its runs name (null for {@code sync}),
 * shared by the stores of one {@link SnapshotStore}.
 */
final class Session implements AutoCloseable {
  final Connection connection;
  final Connections connections;
  final String node;
  private final Clock clock;
  /** Closed after the connection: the connections themselves when this session is their only user. */
  private final AutoCloseable owner;

  Session(Connections connections, Clock clock, String node, AutoCloseable owner) {
    this.connections = connections;
    this.connection = connections.connect();
    this.clock = clock;
    this.node = node;
    this.owner = owner;
  }

  Dialect dialect() {
    return connections.dialect();
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

  /** A write transaction: writers take turns (see {@link Dialect#lockWrites}). */
  <T> T inTransaction(String what, Jdbc.Work<T> work) {
    return Jdbc.inTransaction(connection, what, c -> {
      dialect().lockWrites(c);
      return work.run(c);
    });
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
    try (AutoCloseable last = owner) {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the database", e);
    } catch (Exception e) {
      throw new StoreException("cannot close the database", new SQLException(e.getMessage(), e));
    }
  }
}
