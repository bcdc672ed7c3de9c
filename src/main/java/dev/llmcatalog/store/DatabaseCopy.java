package dev.llmcatalog.store;

import dev.llmcatalog.config.ConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the whole history of one database into another, empty one, e.g. an SQLite file into PostgreSQL: every run,
 * snapshot, value (current and closed), missing model, alias, unresolved name, publication, the raw archive, the
 * per-model digests, what the sources learned ({@code source_memory}) and the notification outbox (what is unsent
 * there is sent by the target's next run), each row with its id, so that snapshot and run ids, diffs and renders stay
 * exactly what they were. The daemon's state is not
 * copied: a daemon started on the target records its own. The source is read in one transaction (no sync writes into
 * it meanwhile) and the target written in one: all of it or nothing.
 */
final class DatabaseCopy {
  /** Every table of history, each after the tables it references; {@code id} marks those whose ids a sequence hands out. */
  private static final List<String> TABLES = List.of("run", "snapshot", "observation", "missing_model", "model_alias",
      "unresolved_name", "publication", "archive_body", "fetch_url", "fetch_log", "subject_digest", "subject_digest_state",
      "staged_snapshot", "source_memory", "notification");
  private static final List<String> WITH_IDS = List.of("run", "snapshot", "observation", "publication", "fetch_url",
      "fetch_log", "notification");
  private static final int BATCH = 5_000;

  private DatabaseCopy() {}

  /** Copies {@code from} into {@code to}; returns the rows copied per table, in copy order. */
  static Map<String, Long> copy(Connections from, Connections to, DbLocation target) {
    try (Connection source = from.connect(); Connection sink = to.connect()) {
      source.setAutoCommit(false); // SQLite: BEGIN IMMEDIATE, so no writer changes it under the copy
      if (from.dialect() == Dialect.POSTGRESQL) {
        source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one consistent snapshot of all tables
        source.setReadOnly(true);
      }
      try {
        return Jdbc.inTransaction(sink, "copy into " + target, c -> {
          to.dialect().lockWrites(c);
          long runs = count(c, "run");
          if (runs > 0) {
            throw new ConfigException("--to " + target + " holds " + runs + " runs already: copy into an empty database");
          }
          Map<String, Long> copied = new LinkedHashMap<>();
          for (String table : TABLES) {
            copied.put(table, copyTable(source, from.dialect(), c, table));
            long there = count(c, table);
            if (there != copied.get(table)) {
              throw new SQLException(table + ": copied " + copied.get(table) + " rows but the target holds " + there);
            }
          }
          for (String table : WITH_IDS) {
            to.dialect().restartIds(c, table);
          }
          return copied;
        });
      } finally {
        source.rollback();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot copy into " + target, e);
    }
  }

  private static long copyTable(Connection source, Dialect dialect, Connection sink, String table) throws SQLException {
    try (PreparedStatement select = source.prepareStatement("SELECT * FROM " + table + " ORDER BY 1")) {
      dialect.stream(select);
      try (ResultSet rs = select.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnName(i));
        }
        int[] types = columnTypes(sink, table, columns);
        String insert = "INSERT INTO " + table + "(" + String.join(", ", columns) + ") VALUES ("
            + "?, ".repeat(columns.size() - 1) + "?)";
        long rows = 0;
        try (PreparedStatement ps = sink.prepareStatement(insert)) {
          while (rs.next()) {
            for (int i = 1; i <= columns.size(); i++) {
              Object value = rs.getObject(i);
              if (value == null) {
                ps.setNull(i, types[i - 1]);
              } else {
                ps.setObject(i, value);
              }
            }
            ps.addBatch();
            if (++rows % BATCH == 0) {
              ps.executeBatch();
            }
          }
          ps.executeBatch();
        }
        return rows;
      }
    }
  }

  /** The target's types of {@code columns}, for the NULLs: the same schema, but each database names its types. */
  private static int[] columnTypes(Connection sink, String table, List<String> columns) throws SQLException {
    try (Statement s = sink.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0")) {
      int[] types = new int[columns.size()];
      for (int i = 0; i < types.length; i++) {
        types[i] = rs.getMetaData().getColumnType(i + 1);
      }
      return types;
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
