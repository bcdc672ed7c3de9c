package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Observation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The two steps every write of a state shares: a digest of a model's values (to skip the models that did not change)
 * and the merge of stored current values with new ones, both in {@link StateOrder#KEYS} order, which tells what to
 * close and what to insert.
 */
final class ModelMerge {
  static final int DIGEST_BYTES = 16;

  private ModelMerge() {}

  /** What a merge found, told one value at a time. */
  interface Marks {
    /** The stored value {@code id} changed or vanished. */
    void close(long id);

    /** {@code sorted[index]} is new or changed. */
    void insert(int index);

    /** A stored value is unchanged. */
    void unchanged();
  }

  /**
   * Merges stored current values ({@code rs}: id, subject, variant, key, value, raw, in key order) with
   * {@code sorted[from, to)}.
   */
  static void merge(ResultSet rs, Observation[] sorted, int from, int to, Marks marks) throws SQLException {
    boolean more = rs.next();
    int next = from;
    while (more || next < to) {
      Observation o = next < to ? sorted[next] : null;
      int order;
      if (!more) {
        order = 1; // only new values left
      } else if (o == null) {
        order = -1; // only old values left
      } else {
        order = StateOrder.CODE_POINTS.compare(rs.getString(2), o.subject());
        if (order == 0) {
          order = StateOrder.CODE_POINTS.compare(rs.getString(3), o.variant());
        }
        if (order == 0) {
          order = StateOrder.CODE_POINTS.compare(rs.getString(4), o.key());
        }
      }
      if (order <= 0) {
        // The URL is provenance, not identity: the same value read through a mirror or another port is unchanged.
        boolean same = order == 0 && rs.getString(5).equals(o.value()) && Objects.equals(rs.getString(6), o.raw());
        if (!same) { // gone or changed
          marks.close(rs.getLong(1));
        }
        more = rs.next();
        if (same) {
          marks.unchanged();
        }
        if (order < 0 || same) {
          next += order < 0 ? 0 : 1;
          continue;
        }
      }
      marks.insert(next++); // new or changed
    }
  }

  /** The digest of one model's values {@code sorted[from, to)}, in key order (V8's subject_digest). */
  static byte[] digest(MessageDigest sha, Observation[] sorted, int from, int to) {
    for (int i = from; i < to; i++) {
      Observation o = sorted[i];
      update(sha, o.variant());
      update(sha, o.key());
      update(sha, o.value());
      update(sha, o.raw());
    }
    return Arrays.copyOf(sha.digest(), DIGEST_BYTES);
  }

  /** Feeds one field, length first, so that no two different value lists digest the same bytes; null is -1. */
  private static void update(MessageDigest sha, String part) {
    byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
    int length = part == null ? -1 : bytes.length;
    sha.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    sha.update(bytes);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Throws when {@code sorted} (in key order) holds one key twice: no index enforces one current value per key (V7), so
   * the writers do.
   */
  static void requireUnique(String source, Observation[] sorted, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (StateOrder.KEYS.compare(sorted[i - 1], sorted[i]) == 0) {
        Observation o = sorted[i];
        throw new IllegalArgumentException(source + " reported " + o.key() + " of " + o.subject()
            + (o.variant().isEmpty() ? "" : " (" + o.variant() + ")") + " twice");
      }
    }
  }
}
