package dev.llmcatalog.cli;

import dev.llmcatalog.testsupport.FixtureHub;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestConfigs;
import dev.llmcatalog.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One CLI test's world: a {@link FixtureHub} on a local server for every upstream, the shipped config
 * ({@link TestConfigs#shippedIn}) and a database (an SQLite file in the test's folder, or a fresh PostgreSQL database),
 * and {@link #run} to call the CLI on them. A JUnit extension: {@code @RegisterExtension final CliHarness cli = new
 * CliHarness();} gives each test a fresh one in its own temporary folder, ready in the test's {@code @BeforeEach} and
 * removed after the test.
 */
final class CliHarness implements BeforeEachCallback, AfterEachCallback {
  /** The clock of {@link #run}: fixed, because snapshot lists and review summaries print it. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private final TestDatabase.Kind kind;
  private Path dir;
  private Path db;
  private TestDatabase database;
  private Path config;
  private MockWebServer server;
  private FixtureHub hub;
  /** Taken once at start: some tests close the server midway, and runs after that must still aim at it. */
  private Map<String, String> env;

  /** On an SQLite file. */
  CliHarness() {
    this(TestDatabase.Kind.SQLITE);
  }

  CliHarness(TestDatabase.Kind kind) {
    this.kind = kind;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("llm-catalog-cli-");
    db = dir.resolve("catalog.db");
    database = TestDatabase.create(kind, dir, "catalog.db");
    config = TestConfigs.shippedIn(dir);
    server = LocalServers.mockWebServer();
    server.start();
    hub = new FixtureHub(server);
    env = new HashMap<>(hub.env());
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Rewrites the config as the shipped one with {@code edit} applied, for the runs from now on. */
  CliHarness config(UnaryOperator<String> edit) {
    config = TestConfigs.shippedIn(dir, edit);
    return this;
  }

  /** Adds {@code name=value} to the environment of the runs from now on (a token, say). */
  CliHarness env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The CLI with {@code --config} and {@code --db} of this harness before {@code args}, at {@link #CLOCK}. */
  CliRunner.Result run(String... args) {
    return runAt(CLOCK, args);
  }

  /** As {@link #run}, at {@code clock}. */
  CliRunner.Result runAt(Clock clock, String... args) {
    List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--db", database.location()));
    all.addAll(List.of(args));
    return new CliRunner(Map.copyOf(env), clock).run(all.toArray(String[]::new));
  }

  /** As {@link #runAt}, with no {@code --db}: the database is whatever the environment names. */
  CliRunner.Result runWithoutDb(String... args) {
    List<String> all = new ArrayList<>(List.of("--config", config.toString()));
    all.addAll(List.of(args));
    return new CliRunner(Map.copyOf(env), CLOCK).run(all.toArray(String[]::new));
  }

  /** The first column of the first row of {@code sql} on the database, as a number. */
  long count(String sql) throws SQLException {
    return database.count(sql);
  }

  /** The database of this harness. */
  TestDatabase database() {
    return database;
  }

  FixtureHub hub() {
    return hub;
  }

  MockWebServer server() {
    return server;
  }

  Path dir() {
    return dir;
  }

  /** The SQLite file (of an SQLite harness). */
  Path db() {
    return db;
  }

  Path config() {
    return config;
  }
}
