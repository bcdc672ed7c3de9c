package dev.llmcatalog.store;

import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a store's connections come from, its schema already migrated: an SQLite file (a new connection each time) or
 * a pool on a PostgreSQL database.
 */
interface Connections extends AutoCloseable {
  Dialect dialect();

  /** A connection of its own for a store's session; closing it gives it back. */
  Connection connect();

  /**
   * The connection a cursor reads a large state through, beside {@code session}. SQLite reads row by row on the
   * session's own connection. PostgreSQL sends a whole result at once unless it is read through a cursor, which lives
   * in a transaction: each state read gets its own pooled connection in a read-only transaction, so that two reads
   * (a diff) go side by side without either being held in memory.
   */
  Connection forCursor(Connection session);

  /**
   * Waits until no other write of {@code source} holds the source's lock (in this process or another), then takes it
   * until closed; a process that dies lets it go. PostgreSQL: a session advisory lock on {@code c}, which the holder
   * keeps until the lock is closed. SQLite: a region of the file {@code <db>.staging.lock}.
   */
  Stores.Lock lockSource(Connection c, String source);

  /** The pool, for Quartz's job store (PostgreSQL). */
  Optional<DataSource> dataSource();

  @Override
  void close();
}
