package dev.llmcatalog.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One daemon per database: an OS file lock on {@code <db>.daemon.lock}, which the OS releases when the process
 * dies, so a crashed daemon never blocks the next one. The file names its holder for the refusal message; it
 * is never deleted, since deleting a lock file lets two processes lock two different files.
 */
final class DaemonLock {
  private final FileChannel channel;
  private final FileLock lock;

  private DaemonLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static Path fileOf(Path db) {
    return Path.of(db.toAbsolutePath() + ".daemon.lock");
  }

  /** Takes the lock and writes {@code holder} into the file, or fails naming the daemon that holds it. */
  static DaemonLock acquire(Path db, String holder) {
    Path file = fileOf(db);
    FileChannel channel = null;
    try {
      Path parent = file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM (a test running two daemons)
      }
      if (lock == null) {
        String other = Files.readString(file, StandardCharsets.UTF_8).strip();
        throw new DaemonException("another daemon already runs on " + db + ": " + (other.isEmpty() ? "holder unknown" : other)
            + " (lock " + file + ")");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new DaemonLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DaemonException("cannot lock " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  void release() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel below releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
