package dev.llmcatalog.cli;

import dev.llmcatalog.testsupport.FixtureHub;
import dev.llmcatalog.testsupport.TestConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;

/**
 * One CLI test's world: a {@link FixtureHub} on a local server for every upstream, the shipped config
 * ({@link TestConfigs#shippedIn}) and a database in the test's folder, and {@link #run} to call the CLI on them.
 * Create it in {@code @BeforeEach} with the test's {@code @TempDir}, close it in {@code @AfterEach}.
 */
final class CliHarness implements AutoCloseable {
  /** The clock of {@link #run}: fixed, because snapshot lists and review summaries print it. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private final Path dir;
  private final Path db;
  private final MockWebServer server = new MockWebServer();
  private final FixtureHub hub;
  /** Taken once at start: some tests close the server midway, and runs after that must still aim at it. */
  private final Map<String, String> env;
  private Path config;

  CliHarness(Path dir) throws IOException {
    this.dir = dir;
    this.db = dir.resolve("catalog.db");
    this.config = TestConfigs.shippedIn(dir);
    server.start();
    this.hub = new FixtureHub(server);
    this.env = new HashMap<>(hub.env());
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
    List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--db", db.toString()));
    all.addAll(List.of(args));
    return new CliRunner(Map.copyOf(env), clock).run(all.toArray(String[]::new));
  }

  /** The first column of the first row of {@code sql} on the database, as a number. */
  long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
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

  Path db() {
    return db;
  }

  Path config() {
    return config;
  }

  @Override
  public void close() {
    server.close();
  }
}
