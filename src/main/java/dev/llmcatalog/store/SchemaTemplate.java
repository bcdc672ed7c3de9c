package dev.llmcatalog.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The schema a new SQLite file starts from: a file with every migration applied, made once by the build and shipped
 * in the jar ({@link SqliteDatabase#TEMPLATE}). Copying it takes a millisecond where running the migrations on a new
 * file takes 50-70; Flyway still checks the copy's migrations against the build's when the file is opened.
 */
final class SchemaTemplate {
  private SchemaTemplate() {}

  /** The build's step ({@code process-classes}): writes the template to {@code args[0]}, made by the migrations. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    delete(out);
    SqliteDatabase.open(out, null).close();
    for (String suffix : new String[] {"-wal", "-shm"}) {
      if (Files.exists(Path.of(out + suffix))) {
        throw new IllegalStateException(out + suffix + " is left after closing: the template is not one whole file");
      }
    }
  }

  /**
   * Copies {@code template} to {@code file} when no file is there: true if it did. The copy is written beside it and
   * then linked to its name, which fails if another process made the file meanwhile, so no one ever opens a half
   * copy or has theirs replaced. False, with nothing left behind, where that cannot be done (the migrations then make
   * the file).
   */
  static boolean copy(URL template, Path file) {
    if (Files.exists(file)) {
      return false;
    }
    Path temp = null;
    try (InputStream in = template.openStream()) {
      Path parent = file.toAbsolutePath().getParent();
      temp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".template");
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.createLink(file.toAbsolutePath(), temp);
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false; // FileAlreadyExistsException among them: another process made it
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a stray copy beside the database; harmless
        }
      }
    }
  }

  /** Removes {@code file} and its WAL files: only for a file just copied, which holds nothing of the user's. */
  static void delete(Path file) {
    for (String suffix : new String[] {"-wal", "-shm", ""}) {
      try {
        Files.deleteIfExists(Path.of(file + suffix));
      } catch (IOException e) {
        throw new StoreException("cannot remove " + file + suffix, e);
      }
    }
  }
}
