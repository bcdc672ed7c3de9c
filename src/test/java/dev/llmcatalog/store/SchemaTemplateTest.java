package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new SQLite file starts as a copy of the build's schema template, and ends as the migrations would make it. */
class SchemaTemplateTest {
  @TempDir
  Path dir;

  @Test
  void theBuildShipsATemplateAndANewFileCopiedFromItHasTheMigrationsSchema() throws Exception {
    URL template = SqliteDatabase.class.getResource(SqliteDatabase.TEMPLATE);
    assertThat(template).as("made by the build's process-classes step").isNotNull();
    Path copied = dir.resolve("copied.db");

    SqliteDatabase.open(copied).close();

    assertThat(schema(copied)).isEqualTo(schema(migrated()));
    assertThat(history(copied)).isEqualTo(history(migrated()));
    assertThat(pragma(copied, "journal_mode")).isEqualTo("wal");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".template"));
    }
  }

  @Test
  void anOlderBuildsTemplateIsCompletedByTheMigrations() throws Exception {
    Path older = dir.resolve("older-template.db");
    Flyway.configure().dataSource("jdbc:sqlite:" + older, null, null).locations(Dialect.SQLITE.migrations())
        .target("5").load().migrate();
    Path file = dir.resolve("from-older.db");

    SqliteDatabase.open(file, older.toUri().toURL()).close();

    assertThat(history(older)).hasSize(5);
    assertThat(schema(file)).isEqualTo(schema(migrated()));
    assertThat(history(file)).isEqualTo(history(migrated()));
  }

  @Test
  void aTemplateWhoseMigrationsDifferFromTheBuildsIsThrownAway() throws Exception {
    Path edited = dir.resolve("edited-template.db");
    SqliteDatabase.open(edited, null).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + edited); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
      s.executeUpdate("CREATE TABLE not_in_any_migration (x)");
    }
    Path file = dir.resolve("from-edited.db");

    SqliteDatabase.open(file, edited.toUri().toURL()).close();

    assertThat(schema(file)).isEqualTo(schema(migrated()));
    assertThat(history(file)).isEqualTo(history(migrated()));
  }

  @Test
  void anExistingFileIsNeverReplacedByTheTemplate() throws Exception {
    Path file = dir.resolve("existing.db");
    SqliteDatabase.open(file, null).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO run (started_at, version) VALUES ('2026-01-02T03:04:05.000Z', 'kept')");
    }

    SqliteDatabase.open(file).close();

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT version FROM run")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("kept");
    }
  }

  private Path migrated() {
    Path file = dir.resolve("migrated.db");
    if (!Files.exists(file)) {
      SqliteDatabase.open(file, null).close();
    }
    return file;
  }

  /** Every table, index, view and trigger with its SQL, by name. */
  private static List<String> schema(Path file) throws SQLException {
    return rows(file, "SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || coalesce(sql, '') FROM sqlite_master"
        + " ORDER BY type, name");
  }

  /** The migrations applied, as Flyway checks them: version, description, type, script, checksum, success. */
  private static List<String> history(Path file) throws SQLException {
    return rows(file, "SELECT coalesce(version, '') || ' ' || description || ' ' || type || ' ' || script || ' '"
        + " || coalesce(checksum, '') || ' ' || success FROM flyway_schema_history ORDER BY installed_rank");
  }

  private static String pragma(Path file, String name) throws SQLException {
    return rows(file, "PRAGMA " + name).get(0);
  }

  private static List<String> rows(Path file, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }
}
