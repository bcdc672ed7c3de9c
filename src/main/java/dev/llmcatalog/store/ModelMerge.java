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

  /**
   * Digests of models' values, one model at a time, with one buffer (so one per thread). The digest of
   * {@code sorted[from, to)}, in key order (V8's subject_digest): of each value its variant, key, value and raw text,
   * each as its UTF-8 length (4 bytes, big-endian; -1 for null) and bytes, so that no two different value lists digest
   * the same bytes. The bytes are gathered first and digested in one update (a call per field cost more than the
   * hashing), ASCII text copied as it is, without encoding it.
   */
  static final class Digester {
    private final MessageDigest sha = sha256();
    private byte[] bytes = new byte[1024];
    private int length;

    byte[] digest(Observation[] sorted, int from, int to) {
      length = 0;
      for (int i = from; i < to; i++) {
        Observation o = sorted[i];
        field(o.variant());
        field(o.key());
        field(o.value());
        field(o.raw());
      }
      sha.update(bytes, 0, length);
      return Arrays.copyOf(sha.digest(), DIGEST_BYTES);
    }

    private void field(String part) {
      if (part == null) {
        ensure(4);
        putLength(-1);
        return;
      }
      int n = part.length();
      ensure(4 + n);
      for (int i = 0; i < n; i++) {
        char c = part.charAt(i);
        if (c >= 0x80) {
          utf8(part);
          return;
        }
        bytes[length + 4 + i] = (byte) c;
      }
      putLength(n);
      length += n;
    }

    private void utf8(String part) {
      byte[] text = part.getBytes(StandardCharsets.UTF_8);
      ensure(4 + text.length);
      putLength(text.length);
      System.arraycopy(text, 0, bytes, length, text.length);
      length += text.length;
    }

    private void putLength(int n) {
      bytes[length++] = (byte) (n >>> 24);
      bytes[length++] = (byte) (n >>> 16);
      bytes[length++] = (byte) (n >>> 8);
      bytes[length++] = (byte) n;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }

  private static MessageDigest sha256() {
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
