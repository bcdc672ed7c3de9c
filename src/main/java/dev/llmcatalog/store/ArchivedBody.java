package dev.llmcatalog.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A body of the raw archive as it is stored: the SHA-256 of the body as received (its key), its size and the body
 * gzip-compressed. Packed as the answers arrive (beside the fetching threads, see {@code app.RawArchive}), so a sync
 * holds compressed bodies until it stores them (a 100,000-model group is 100 list pages of half a megabyte) and the
 * hashing and compressing overlap the network waits instead of following them.
 */
public record ArchivedBody(String sha256, int size, byte[] gzip) {

  public static ArchivedBody of(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    try {
      return new ArchivedBody(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), body.length,
          out.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The body as it was received. */
  public byte[] bytes() {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StoreException("the archived body " + sha256 + " is not valid gzip", e);
    }
  }
}
