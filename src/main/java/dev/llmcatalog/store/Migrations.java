package dev.llmcatalog.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Tells, without starting Flyway, that a database has exactly the migrations on the class path applied: its
 * {@code flyway_schema_history} lists each of them, in order, with the checksum Flyway computes for it, all successful,
 * and nothing else. Opening such a file needs no migration and nothing to validate, and this check costs a query and a
 * read of the migrations where Flyway's takes 10-25 ms. Anything else (a migration missing, changed, failed or not
 * known here, a folder this class cannot list, a name it does not expect) is left to Flyway.
 */
final class Migrations {
  /** Flyway's versioned SQL migration names, as this project writes them: {@code V14__staged_snapshot.sql}. */
  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9_]+)\\.sql");
  private static final Map<Key, Optional<List<Applied>>> ON_CLASS_PATH = new ConcurrentHashMap<>();

  /** One row of the history as this check compares it. */
  record Applied(String version, String description, String script, int checksum) {}

  private Migrations() {}

  /** Whether {@code dataSource}'s database has exactly the migrations of {@code location} applied (see above). */
  static boolean upToDate(DataSource dataSource, String location) {
    Optional<List<Applied>> expected = onClassPath(location);
    if (expected.isEmpty()) {
      return false;
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description, type, script, checksum, success"
            + " FROM flyway_schema_history ORDER BY installed_rank")) {
      List<Applied> history = new ArrayList<>();
      while (rs.next()) {
        if (!"SQL".equals(rs.getString(3)) || !rs.getBoolean(6) || rs.getObject(5) == null) {
          return false;
        }
        history.add(new Applied(rs.getString(1), rs.getString(2), rs.getString(4), rs.getInt(5)));
      }
      return history.equals(expected.get());
    } catch (SQLException e) {
      return false; // no history yet, or not a database: Flyway makes it or says what is wrong
    }
  }

  /**
   * The migrations of {@code location} ({@code classpath:folder}) in version order, as Flyway records them once
   * applied; empty when they cannot all be listed and read here. Read once per process, with the class loader Flyway
   * reads them with (the thread's).
   */
  static Optional<List<Applied>> onClassPath(String location) {
    ClassLoader thread = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = thread != null ? thread : Migrations.class.getClassLoader();
    return ON_CLASS_PATH.computeIfAbsent(new Key(loader, location), k -> read(k.loader(), k.location()));
  }

  private record Key(ClassLoader loader, String location) {}

  /** The migrations of {@code location} as {@code loader} finds them (see {@link #onClassPath}). */
  static Optional<List<Applied>> read(ClassLoader loader, String location) {
    if (!location.startsWith("classpath:")) {
      return Optional.empty();
    }
    String folder = location.substring("classpath:".length());
    try {
      List<Applied> found = new ArrayList<>();
      Enumeration<URL> roots = loader.getResources(folder);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        Optional<List<String>> names = list(root, folder);
        if (names.isEmpty()) {
          return Optional.empty();
        }
        for (String name : names.get()) {
          Matcher m = NAME.matcher(name);
          if (!m.matches()) {
            return Optional.empty();
          }
          int checksum = checksum(URI.create(root + "/" + name).toURL());
          found.add(new Applied(m.group(1), m.group(2).replace('_', ' '), name, checksum));
        }
      }
      found.sort(Comparator.comparingLong(a -> Long.parseLong(a.version())));
      for (int i = 1; i < found.size(); i++) {
        if (found.get(i).version().equals(found.get(i - 1).version())) {
          return Optional.empty();
        }
      }
      return found.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(found));
    } catch (IOException | URISyntaxException | IllegalArgumentException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** The files right in {@code root}, a folder or a jar's; empty when it holds a subfolder or is neither. */
  private static Optional<List<String>> list(URL root, String folder) throws IOException, URISyntaxException {
    List<String> names = new ArrayList<>();
    if (root.getProtocol().equals("file")) {
      try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
        for (Path file : files.toList()) {
          if (!Files.isRegularFile(file)) {
            return Optional.empty();
          }
          names.add(file.getFileName().toString());
        }
      }
      return Optional.of(names);
    }
    if (root.getProtocol().equals("jar")) {
      String prefix = folder.endsWith("/") ? folder : folder + "/";
      Enumeration<JarEntry> entries = ((JarURLConnection) root.openConnection()).getJarFile().entries();
      while (entries.hasMoreElements()) {
        String entry = entries.nextElement().getName();
        if (entry.startsWith(prefix) && entry.length() > prefix.length()) {
          String name = entry.substring(prefix.length());
          if (name.contains("/")) {
            return Optional.empty();
          }
          names.add(name);
        }
      }
      return Optional.of(names);
    }
    return Optional.empty();
  }

  /** Flyway's checksum of a migration: CRC-32 of its lines' UTF-8 bytes, without line ends or a leading BOM. */
  static int checksum(URL migration) throws IOException {
    CRC32 crc = new CRC32();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(migration.openStream(), StandardCharsets.UTF_8))) {
      String line = in.readLine();
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      for (; line != null; line = in.readLine()) {
        crc.update(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return (int) crc.getValue();
  }
}
