package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A file with exactly the build's migrations applied opens without Flyway; any other is left to Flyway. */
class MigrationsTest {
  private static final String LOCATION = Dialect.SQLITE.migrations();

  @TempDir
  Path dir;

  @Test
  void theMigrationsOnTheClassPathAreWhatFlywayRecordsForThem() throws Exception {
    Path file = dir.resolve("migrated.db");
    Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations(LOCATION).load().migrate();

    List<Migrations.Applied> expected = Migrations.onClassPath(LOCATION).orElseThrow();

    assertThat(expected).hasSizeGreaterThanOrEqualTo(14);
    assertThat(expected.get(0)).isEqualTo(new Migrations.Applied("1", "snapshots", "V1__snapshots.sql",
        history(file).get(0).checksum()));
    assertThat(expected).isEqualTo(history(file)); // names, descriptions, order and checksums as Flyway's own
    assertThat(Migrations.upToDate(dataSource(file), LOCATION)).isTrue();
  }

  @Test
  void aFileWithoutTheLastMigrationIsNotUpToDateAndOpeningItAppliesIt() throws Exception {
    List<Migrations.Applied> all = Migrations.onClassPath(LOCATION).orElseThrow();
    Path file = dir.resolve("older.db");
    Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations(LOCATION)
        .target(all.get(all.size() - 2).version()).load().migrate();

    assertThat(Migrations.upToDate(dataSource(file), LOCATION)).isFalse();
    SqliteDatabase.open(file).close();

    assertThat(history(file)).isEqualTo(all);
    assertThat(Migrations.upToDate(dataSource(file), LOCATION)).isTrue();
  }

  @Test
  void aChangedMigrationIsNotUpToDateAndFlywayRefusesTheFile() throws Exception {
    Path file = dir.resolve("changed.db");
    SqliteDatabase.open(file).close();
    execute(file, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

    assertThat(Migrations.upToDate(dataSource(file), LOCATION)).isFalse();
    assertThatThrownBy(() -> SqliteDatabase.open(file)).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot migrate " + file);
  }

  @Test
  void aFailedOrUnknownMigrationInTheHistoryIsNotUpToDate() throws Exception {
    Path failed = dir.resolve("failed.db");
    SqliteDatabase.open(failed).close();
    execute(failed, "UPDATE flyway_schema_history SET success = 0 WHERE version = '3'");
    Path extra = dir.resolve("extra.db");
    SqliteDatabase.open(extra).close();
    execute(extra, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
        + " installed_by, execution_time, success) VALUES (99, '99', 'newer build', 'SQL', 'V99__newer_build.sql', 1, '',"
        + " 0, 1)");
    Path notADatabase = dir.resolve("notes.txt");
    Files.writeString(notADatabase, "not a database, long enough to be read as one? no: it has no SQLite header");

    assertThat(Migrations.upToDate(dataSource(failed), LOCATION)).isFalse();
    assertThat(Migrations.upToDate(dataSource(extra), LOCATION)).isFalse();
    assertThat(Migrations.upToDate(dataSource(notADatabase), LOCATION)).isFalse();
  }

  @Test
  void theMigrationsAreListedAlikeFromAJarAndAFolderButNotWhenTheFolderHoldsMore() throws Exception {
    Path folder = Path.of(Migrations.class.getResource("/db/migration").toURI());
    Path jar = jar("migrations.jar", folder, null);
    Path withSubfolder = jar("nested.jar", folder, "db/migration/old/V1__old.sql");

    try (URLClassLoader fromJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        URLClassLoader fromNested = new URLClassLoader(new URL[] {withSubfolder.toUri().toURL()}, null)) {
      assertThat(Migrations.read(fromJar, LOCATION)).isEqualTo(Migrations.onClassPath(LOCATION));
      assertThat(Migrations.read(fromNested, LOCATION)).isEmpty(); // Flyway would read the subfolder too
    }
    assertThat(Migrations.read(getClass().getClassLoader(), "filesystem:db/migration")).isEqualTo(Optional.empty());
  }

  /** A jar with {@code folder}'s files under db/migration/, and an entry {@code more} if not null. */
  private Path jar(String name, Path folder, String more) throws Exception {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.list(folder)) {
      out.putNextEntry(new JarEntry("db/migration/"));
      for (Path file : files.sorted().toList()) {
        out.putNextEntry(new JarEntry("db/migration/" + file.getFileName()));
        Files.copy(file, (OutputStream) out);
      }
      if (more != null) {
        out.putNextEntry(new JarEntry(more));
        out.write("SELECT 1;".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return jar;
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }

  private static void execute(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static List<Migrations.Applied> history(Path file) throws SQLException {
    List<Migrations.Applied> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, description, script, checksum FROM flyway_schema_history"
            + " ORDER BY installed_rank")) {
      while (r.next()) {
        rows.add(new Migrations.Applied(r.getString(1), r.getString(2), r.getString(3), r.getInt(4)));
      }
    }
    return rows;
  }
}
