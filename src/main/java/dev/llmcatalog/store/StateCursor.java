package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Observation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One snapshot's state read row by row in {@link StateOrder#KEYS} order, straight from the open result set, so a
 * Hub state of a million values is never in memory at once. Close it (try-with-resources): it holds a statement
 * and, until closed, a read transaction on the database (on PostgreSQL also a pooled connection of its own).
 */
public final class StateCursor implements Iterator<Observation>, AutoCloseable {
  private final PreparedStatement statement;
  private final ResultSet rows;
  /** The values when they are in memory already (a state a sync has just written); null when read from rows. */
  private final Iterator<Observation> held;
  private final long snapshot;
  /** The connection this cursor has to itself and gives back on close; null when it reads on its session's. */
  private final Connection own;
  private Observation next;
  private boolean done;

  StateCursor(PreparedStatement statement, long snapshot, Connection own) throws SQLException {
    this.statement = statement;
    this.snapshot = snapshot;
    this.own = own;
    this.rows = statement.executeQuery();
    this.held = null;
  }

  private StateCursor(long snapshot, Iterator<Observation> held) {
    this.statement = null;
    this.rows = null;
    this.snapshot = snapshot;
    this.own = null;
    this.held = held;
  }

  /** A cursor over values in memory, which must be in {@link StateOrder#KEYS} order: a state a sync still holds. */
  public static StateCursor of(long snapshot, Iterator<Observation> values) {
    return new StateCursor(snapshot, values);
  }

  @Override
  public boolean hasNext() {
    if (held != null) {
      return !done && held.hasNext();
    }
    if (next == null && !done) {
      try {
        if (rows.next()) {
          next = new Observation(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
              rows.getString(5), rows.getString(6));
        } else {
          done = true;
        }
      } catch (SQLException e) {
        throw new StoreException("cannot read snapshot " + snapshot, e);
      }
    }
    return next != null;
  }

  @Override
  public Observation next() {
    if (!hasNext()) {
      throw new NoSuchElementException("snapshot " + snapshot + " has no more values");
    }
    if (held != null) {
      return held.next();
    }
    Observation row = next;
    next = null;
    return row;
  }

  @Override
  public void close() {
    // Closed in reverse: rows, statement, then the own connection, whose pool rolls its read-only transaction back.
    try (own; statement; rows) {
      done = true;
      next = null;
    } catch (SQLException e) {
      throw new StoreException("cannot close the read of snapshot " + snapshot, e);
    }
  }
}
