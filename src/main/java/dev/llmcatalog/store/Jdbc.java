package dev.llmcatalog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** The transaction helper every store shares: one unit of work, committed or rolled back as a whole. */
final class Jdbc {
  private Jdbc() {}

  /** Work inside a transaction; may throw SQLException. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction on {@code connection} (whose connections begin IMMEDIATE, see
   * {@link Database}), committing on success and rolling back otherwise; failures become a
   * {@link StoreException} saying what could not be done.
   */
  static <T> T inTransaction(Connection connection, String what, Work<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  /** Binds {@code value}, or SQL NULL when it is null. */
  static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }
}
