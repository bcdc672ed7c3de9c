package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Observation;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes values with PostgreSQL's {@code COPY ... FROM STDIN} (text format): one stream instead of a statement per
 * thousand rows, for the million values of a first Hub snapshot.
 */
final class PostgresCopy {
  private static final String COPY_VALUES =
      "COPY observation(source, subject, variant, key, value, raw, url, from_snapshot) FROM STDIN";
  /** Bytes handed to the driver at a time. */
  private static final int CHUNK = 1 << 20;

  private PostgresCopy() {}

  /**
   * Each chunk handed to the server (at most {@link ValueWriter#BATCH} rows, as the SQLite writer's batches, or
   * {@link #CHUNK} bytes) is reported to {@code progress} as its rows' count.
   */
  static void values(Connection c, String source, long snapshot, List<Observation> values, WriteProgress progress)
      throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_VALUES);
    try {
      StringBuilder rows = new StringBuilder(CHUNK + 4096);
      String tail = "\t" + snapshot + "\n";
      int pending = 0; // rows in rows
      for (Observation o : values) {
        field(rows, source).append('\t');
        field(rows, o.subject()).append('\t');
        field(rows, o.variant()).append('\t');
        field(rows, o.key()).append('\t');
        field(rows, o.value()).append('\t');
        field(rows, o.raw()).append('\t');
        field(rows, o.url()).append(tail);
        pending++;
        if (pending == ValueWriter.BATCH || rows.length() >= CHUNK) {
          write(copy, rows);
          ValueWriter.done(progress, pending);
          pending = 0;
        }
      }
      write(copy, rows);
      ValueWriter.done(progress, pending);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    rows.setLength(0);
  }

  /** A field of COPY's text format: {@code \N} for NULL; backslash, tab, newline and carriage return escaped. */
  static StringBuilder field(StringBuilder rows, String value) {
    if (value == null) {
      return rows.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> rows.append("\\\\");
        case '\t' -> rows.append("\\t");
        case '\n' -> rows.append("\\n");
        case '\r' -> rows.append("\\r");
        default -> rows.append(ch);
      }
    }
    return rows;
  }
}
