package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Observation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What SQLite and PostgreSQL do differently, in one place per dialect (the migrations aside, which are a folder per
 * dialect). The stores' SQL is otherwise the same for both: upserts are {@code INSERT ... ON CONFLICT}, which both
 * speak, and text that is ordered is compared by code point in both (SQLite's BINARY collation, PostgreSQL's
 * {@code COLLATE "C"} on those columns), which is {@link StateOrder}.
 */
enum Dialect {
  SQLITE("classpath:db/migration") {
    @Override
    void lockWrites(Connection c) {
      // Nothing to do: every connection begins its transactions IMMEDIATE (see SqliteDatabase), which takes the lock.
    }

    @Override
    void compact(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM"); // gives the space back to the file system
      }
    }

    @Override
    void restartIds(Connection c, String table) {
      // An INTEGER PRIMARY KEY takes max(id) + 1 by itself.
    }

    @Override
    void stream(PreparedStatement ps) {
      // sqlite-jdbc steps through the rows as they are read.
    }

    @Override
    void lockSession(Connection c, long key, boolean lock) {
      // One daemon per file (its lock file): nobody to wait for.
    }

    @Override
    void insertValues(Connection c, String source, long snapshot, List<Observation> values, WriteProgress progress)
        throws SQLException {
      ValueWriter.insertInBatches(c, source, snapshot, values, progress);
    }
  },

  POSTGRESQL("classpath:db/migration-postgresql") {
    /** Any constant: the key of the one advisory lock all llm-catalog writers of a database take. */
    private static final long WRITE_LOCK = 0x6c6c6d2d636174L;

    @Override
    void lockWrites(Connection c) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        ps.setLong(1, WRITE_LOCK);
        ps.execute();
      }
    }

    @Override
    void compact(Connection c) throws SQLException {
      // Plain VACUUM (outside a transaction) makes the space reusable without locking readers out, as VACUUM FULL
      // would; autovacuum would get there too, later.
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM fetch_log, fetch_url, archive_body");
      }
    }

    @Override
    void restartIds(Connection c, String table) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), coalesce(max(id), 0) + 1, false) FROM "
            + table);
      }
    }

    @Override
    void stream(PreparedStatement ps) throws SQLException {
      ps.setFetchSize(FETCH_SIZE);
    }

    @Override
    void insertValues(Connection c, String source, long snapshot, List<Observation> values, WriteProgress progress)
        throws SQLException {
      PostgresCopy.values(c, source, snapshot, values, progress);
    }

    @Override
    void lockSession(Connection c, long key, boolean lock) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(lock ? "SELECT pg_advisory_lock(?)" : "SELECT pg_advisory_unlock(?)")) {
        ps.setLong(1, key);
        ps.execute();
      }
    }
  };

  /** Rows a PostgreSQL cursor fetches per round trip: a Hub state streams in steps of this many values (a few MiB). */
  static final int FETCH_SIZE = 20_000;

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /** Where Flyway finds this dialect's migrations. */
  String migrations() {
    return migrations;
  }

  /**
   * Called first in every write transaction of the snapshot store: writers take turns, as SQLite makes them. The
   * value writer merges a source's stored values with a new state and must not meet another writer of the same
   * source; the archive must not meet a gc deleting the body it is about to reference. PostgreSQL takes one
   * transaction-scoped advisory lock, so readers never wait.
   */
  abstract void lockWrites(Connection c) throws SQLException;

  /** After {@code gc} deleted rows: give their space back (outside a transaction). */
  abstract void compact(Connection c) throws SQLException;

  /** After rows were copied in with their ids: the next id {@code table} hands out follows the highest. */
  abstract void restartIds(Connection c, String table) throws SQLException;

  /**
   * Makes {@code ps} read its rows as they are needed rather than all at once. PostgreSQL's driver does that only
   * with a fetch size, inside a transaction (a cursor's own, see {@link Connections#forCursor}, or a writer's).
   */
  abstract void stream(PreparedStatement ps) throws SQLException;

  /**
   * Takes ({@code lock}) or gives back lock {@code key} of connection {@code c}'s session, which ends with the session
   * at the latest (so with a killed process).
   */
  abstract void lockSession(Connection c, long key, boolean lock) throws SQLException;

  /**
   * Inserts {@code values} into table observation as of {@code snapshot}, inside the caller's transaction: a first
   * Hub snapshot is over a million rows. SQLite takes JDBC batches; PostgreSQL takes them several times faster as COPY.
   * Each batch (SQLite) or chunk of the COPY stream handed to the server (PostgreSQL) is reported to {@code progress}.
   */
  abstract void insertValues(Connection c, String source, long snapshot, List<Observation> values,
      WriteProgress progress) throws SQLException;
}
