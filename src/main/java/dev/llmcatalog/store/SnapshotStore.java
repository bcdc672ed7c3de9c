package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Snapshots in SQLite. Each snapshot is written in one transaction; values are versioned so an unchanged
 * value is not stored again while every past snapshot's state can still be read back exactly.
 */
public final class SnapshotStore implements AutoCloseable {
  private final Connection connection;
  private final Clock clock;

  private SnapshotStore(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  /** Opens (and creates or migrates) the database file. */
  public static SnapshotStore open(Path file, Clock clock) {
    return new SnapshotStore(Database.open(file), clock);
  }

  private static final String INSERT_RUN = "INSERT INTO run(started_at, version) VALUES (?, ?)";

  public long beginRun(String version) {
    return inTransaction("begin a run", c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT_RUN, Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, now());
        ps.setString(2, version);
        ps.executeUpdate();
        return generatedKey(ps);
      }
    });
  }

  public void finishRun(long runId) {
    inTransaction("finish run " + runId, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE run SET finished_at = ? WHERE id = ?")) {
        ps.setString(1, now());
        ps.setLong(2, runId);
        return ps.executeUpdate();
      }
    });
  }

  private static final String INSERT_SNAPSHOT = """
      INSERT INTO snapshot(run_id, source, started_at, finished_at, status, error, subjects, missing, data_date, warning)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String INSERT_UNRESOLVED = "INSERT OR IGNORE INTO unresolved_name(snapshot_id, name) VALUES (?, ?)";
  private static final String INSERT_MISSING =
      "INSERT OR REPLACE INTO missing_model(snapshot_id, model_id, status, error_code) VALUES (?, ?, ?, ?)";
  private static final String UPSERT_ALIAS = """
      INSERT INTO model_alias(alias, model_id, snapshot_id) VALUES (?, ?, ?)
      ON CONFLICT(alias) DO UPDATE SET model_id = excluded.model_id, snapshot_id = excluded.snapshot_id
      WHERE model_alias.model_id <> excluded.model_id""";
  private static final String UPDATE_COUNTS = "UPDATE snapshot SET values_added = ?, values_closed = ? WHERE id = ?";

  /**
   * Writes a successful snapshot: {@code data} is the source's whole state; what it lacks is closed.
   * {@code unresolved} are board names that could not be resolved to a Hub id. The parts {@code data} kept (their
   * values must be in {@code data} already) make the snapshot partial, with a warning naming them.
   */
  public SnapshotInfo writeSnapshot(long runId, String source, Instant startedAt, SourceData data,
      Collection<String> unresolved) {
    String warning = data.kept().isEmpty() ? null : data.kept().stream()
        .map(k -> k.label() + ": " + k.reason()).collect(Collectors.joining("; "));
    long id = inTransaction("write the " + source + " snapshot", c -> {
      long snapshot = insertSnapshot(c, runId, source, startedAt, "ok", null, data.subjects(), data.missing().size(),
          data.dataDate(), warning);
      ValueWriter.Result written = ValueWriter.replace(c, source, snapshot, data.observations());
      int added = written.added();
      int closed = written.closed();
      try (PreparedStatement missing = c.prepareStatement(INSERT_MISSING)) {
        for (MissingModel m : data.missing()) {
          missing.setLong(1, snapshot);
          missing.setString(2, m.modelId());
          missing.setInt(3, m.status());
          Jdbc.setNullable(missing, 4, m.errorCode());
          missing.addBatch();
        }
        missing.executeBatch();
      }
      try (PreparedStatement alias = c.prepareStatement(UPSERT_ALIAS)) {
        for (Alias a : data.aliases()) {
          alias.setString(1, a.alias());
          alias.setString(2, a.modelId());
          alias.setLong(3, snapshot);
          alias.addBatch();
        }
        alias.executeBatch();
      }
      try (PreparedStatement names = c.prepareStatement(INSERT_UNRESOLVED)) {
        for (String name : unresolved) {
          names.setLong(1, snapshot);
          names.setString(2, name);
          names.addBatch();
        }
        names.executeBatch();
      }
      try (PreparedStatement counts = c.prepareStatement(UPDATE_COUNTS)) {
        counts.setInt(1, added);
        counts.setInt(2, closed);
        counts.setLong(3, snapshot);
        counts.executeUpdate();
      }
      return snapshot;
    });
    return findSnapshot(id).orElseThrow();
  }

  /** Records that a source failed in this run; its values stay as they were. */
  public SnapshotInfo recordFailure(long runId, String source, Instant startedAt, String error) {
    long id = inTransaction("record the " + source + " failure",
        c -> insertSnapshot(c, runId, source, startedAt, "failed", error, 0, 0, null, null));
    return findSnapshot(id).orElseThrow();
  }

  private static final String SELECT_SNAPSHOTS = """
      SELECT id, run_id, source, started_at, finished_at, status, error, subjects, missing,
             values_added, values_closed, data_date, warning FROM snapshot""";

  /** Every snapshot, oldest first. */
  public List<SnapshotInfo> listSnapshots() {
    return querySnapshots(SELECT_SNAPSHOTS + " ORDER BY id", ps -> {});
  }

  public Optional<SnapshotInfo> findSnapshot(long id) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
  }

  /** The newest successful snapshot of {@code source}. */
  public Optional<SnapshotInfo> findLatest(String source) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE source = ? AND status = 'ok' ORDER BY id DESC LIMIT 1",
        ps -> ps.setString(1, source)).stream().findFirst();
  }

  /** The newest failed snapshot of {@code source}. */
  public Optional<SnapshotInfo> findLatestFailure(String source) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE source = ? AND status = 'failed' ORDER BY id DESC LIMIT 1",
        ps -> ps.setString(1, source)).stream().findFirst();
  }

  /** The newest successful snapshot of {@code source} in run {@code runId} or before. */
  public Optional<SnapshotInfo> findLatestAtOrBefore(String source, long runId) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE source = ? AND status = 'ok' AND run_id <= ? ORDER BY id DESC LIMIT 1",
        ps -> {
          ps.setString(1, source);
          ps.setLong(2, runId);
        }).stream().findFirst();
  }

  /** The successful snapshot of the same source just before {@code snapshot}. */
  public Optional<SnapshotInfo> findPrevious(SnapshotInfo snapshot) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE source = ? AND status = 'ok' AND id < ? ORDER BY id DESC LIMIT 1",
        ps -> {
          ps.setString(1, snapshot.source());
          ps.setLong(2, snapshot.id());
        }).stream().findFirst();
  }

  /** Renames (alias -> id) first recorded after snapshot {@code fromExclusive} up to {@code toInclusive}. */
  public Map<String, String> loadRenames(long fromExclusive, long toInclusive) {
    Map<String, String> renames = new LinkedHashMap<>();
    query("read renames", "SELECT alias, model_id FROM model_alias WHERE snapshot_id > ? AND snapshot_id <= ? ORDER BY alias",
        ps -> {
          ps.setLong(1, fromExclusive);
          ps.setLong(2, toInclusive);
        }, rs -> renames.put(rs.getString(1), rs.getString(2)));
    return renames;
  }

  /** What was last published: its run and catalog text. */
  public record Publication(long id, long runId, String publishedAt, String path, String catalog) {}

  /** Records {@code catalog} as published, reflecting the newest run. */
  public Publication publish(String path, String catalog) {
    long id = inTransaction("record the publication", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO publication(run_id, published_at, path, catalog) SELECT max(id), ?, ?, ? FROM run HAVING max(id) IS NOT NULL",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, now());
        ps.setString(2, path);
        ps.setString(3, catalog);
        if (ps.executeUpdate() == 0) {
          throw new SQLException("nothing to publish: no run yet (run `llm-catalog sync` first)");
        }
        return generatedKey(ps);
      }
    });
    return findPublication().filter(p -> p.id() == id).orElseThrow();
  }

  public Optional<Publication> findPublication() {
    return query("read the last publication",
        "SELECT id, run_id, published_at, path, catalog FROM publication ORDER BY id DESC LIMIT 1", ps -> {},
        rs -> new Publication(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .stream().findFirst();
  }

  // The index observation_state (V5) gives this order without a sort, so the first row comes at once and a
  // state is read in one pass however large it is (SnapshotStoreTest checks the plan).
  static final String SELECT_STATE = """
      SELECT subject, variant, key, value, raw, url FROM observation
      WHERE source = ? AND from_snapshot <= ? AND (to_snapshot IS NULL OR to_snapshot > ?)
      ORDER BY subject, variant, key""";
  private static final String ORDER = "ORDER BY subject, variant, key";

  /**
   * The exact state of a source as of {@code snapshot}, read one value at a time in {@link StateOrder#KEYS} order.
   * Several cursors may be open at once (a diff reads two states side by side).
   */
  public StateCursor openState(SnapshotInfo snapshot) {
    return openState(snapshot, SELECT_STATE, List.of());
  }

  /**
   * The values of {@code keys} in the state of {@code snapshot}, in {@link StateOrder#KEYS} order, for a reader that
   * needs a few fields of a large state (a render): their raw text and URL are not read, so each observation's
   * {@code raw} and {@code url} are null.
   */
  public StateCursor openValues(SnapshotInfo snapshot, Collection<String> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no keys to read");
    }
    return openState(snapshot, SELECT_STATE.replace("value, raw, url", "value, NULL, NULL")
        .replace(ORDER, "AND key IN (" + "?, ".repeat(keys.size() - 1) + "?) " + ORDER), keys);
  }

  private StateCursor openState(SnapshotInfo snapshot, String sql, Collection<String> keys) {
    PreparedStatement ps = null;
    try {
      ps = connection.prepareStatement(sql);
      ps.setString(1, snapshot.source());
      ps.setLong(2, snapshot.id());
      ps.setLong(3, snapshot.id());
      int i = 4;
      for (String key : keys) {
        ps.setString(i++, key);
      }
      return new StateCursor(ps, snapshot.id());
    } catch (SQLException e) {
      closeQuietly(ps, e);
      throw new StoreException("cannot read snapshot " + snapshot.id(), e);
    }
  }

  /**
   * The exact state of a source as of {@code snapshot}, in {@link StateOrder#KEYS} order, all in memory: for small
   * states (a leaderboard); walk a large one with {@link #openState}.
   */
  public List<Observation> loadState(SnapshotInfo snapshot) {
    List<Observation> state = new ArrayList<>();
    try (StateCursor cursor = openState(snapshot)) {
      cursor.forEachRemaining(state::add);
    }
    return state;
  }

  private static final String SELECT_SUBJECTS = """
      SELECT DISTINCT subject FROM observation
      WHERE source = ? AND from_snapshot <= ? AND (to_snapshot IS NULL OR to_snapshot > ?)""";

  /** The models a snapshot has values for (without reading the values). */
  public List<String> loadSubjects(SnapshotInfo snapshot) {
    return query("read the models of snapshot " + snapshot.id(), SELECT_SUBJECTS, ps -> {
      ps.setString(1, snapshot.source());
      ps.setLong(2, snapshot.id());
      ps.setLong(3, snapshot.id());
    }, rs -> rs.getString(1));
  }

  /** Board names a snapshot could not resolve, sorted. */
  public List<String> loadUnresolved(SnapshotInfo snapshot) {
    return query("read unresolved names of " + snapshot.id(),
        "SELECT name FROM unresolved_name WHERE snapshot_id = ? ORDER BY name",
        ps -> ps.setLong(1, snapshot.id()), rs -> rs.getString(1));
  }

  /** Models a snapshot found missing upstream. */
  public List<MissingModel> loadMissing(SnapshotInfo snapshot) {
    return query("read missing models of " + snapshot.id(),
        "SELECT model_id, status, error_code FROM missing_model WHERE snapshot_id = ? ORDER BY model_id",
        ps -> ps.setLong(1, snapshot.id()),
        rs -> new MissingModel(rs.getString(1), rs.getInt(2), rs.getString(3)));
  }

  /** alias -> canonical id. */
  public Map<String, String> loadAliases() {
    Map<String, String> aliases = new LinkedHashMap<>();
    query("read aliases", "SELECT alias, model_id FROM model_alias ORDER BY alias", ps -> {},
        rs -> aliases.put(rs.getString(1), rs.getString(2)));
    return aliases;
  }

  private static final String INSERT_BODY = "INSERT OR IGNORE INTO archive_body(sha256, bytes, gzip) VALUES (?, ?, ?)";
  private static final String INSERT_URL = "INSERT INTO fetch_url(url) VALUES (?) ON CONFLICT(url) DO NOTHING";
  private static final String SELECT_URL = "SELECT id FROM fetch_url WHERE url = ?";
  private static final String INSERT_FETCH = """
      INSERT INTO fetch_log(run_id, source, method, url_id, final_url_id, status, etag, content_type, headers,
                            body_sha256, bytes, duration_ms, fetched_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  /**
   * Adds {@code fetches} of run {@code runId} to the raw archive; a body or URL already stored is not stored again,
   * and the headers that tell nothing new are left out ({@link #storedHeaders}).
   */
  public void archive(long runId, List<ArchivedFetch> fetches) {
    if (fetches.isEmpty()) {
      return;
    }
    inTransaction("archive " + fetches.size() + " fetches", c -> {
      try (PreparedStatement body = c.prepareStatement(INSERT_BODY);
          PreparedStatement insertUrl = c.prepareStatement(INSERT_URL);
          PreparedStatement selectUrl = c.prepareStatement(SELECT_URL);
          PreparedStatement log = c.prepareStatement(INSERT_FETCH)) {
        Map<String, Long> urlIds = new HashMap<>();
        for (int i = 0; i < fetches.size(); i++) {
          ArchivedFetch f = fetches.get(i);
          body.setString(1, f.body().sha256());
          body.setLong(2, f.body().size());
          body.setBytes(3, f.body().gzip());
          body.executeUpdate(); // one at a time: a later row may repeat an earlier body
          log.setLong(1, runId);
          Jdbc.setNullable(log, 2, f.source());
          log.setString(3, f.method());
          log.setLong(4, urlId(insertUrl, selectUrl, urlIds, f.url()));
          if (f.finalUrl().equals(f.url())) {
            log.setNull(5, Types.INTEGER);
          } else {
            log.setLong(5, urlId(insertUrl, selectUrl, urlIds, f.finalUrl()));
          }
          log.setInt(6, f.status());
          Jdbc.setNullable(log, 7, header(f.headers(), "ETag"));
          Jdbc.setNullable(log, 8, header(f.headers(), "Content-Type"));
          log.setString(9, storedHeaders(f.headers(), f.body().size()));
          log.setString(10, f.body().sha256());
          log.setLong(11, f.body().size());
          log.setLong(12, f.durationMillis());
          log.setString(13, now());
          log.addBatch();
        }
        log.executeBatch();
      }
      return null;
    });
  }

  /** The id of {@code url} in fetch_url, added when new; {@code known} spares a look-up for a URL seen before. */
  private static long urlId(PreparedStatement insert, PreparedStatement select, Map<String, Long> known, String url)
      throws SQLException {
    Long id = known.get(url);
    if (id == null) {
      insert.setString(1, url);
      insert.executeUpdate();
      select.setString(1, url);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("fetch_url lost " + url);
        }
        id = rs.getLong(1);
      }
      known.put(url, id);
    }
    return id;
  }

  private static final String SELECT_NEWEST_FETCH = """
      SELECT l.source, l.method, u.url, coalesce(f.url, u.url), l.status, l.headers, b.sha256, b.bytes, b.gzip,
             l.duration_ms
      FROM fetch_url u
      JOIN fetch_log l ON l.url_id = u.id
      JOIN archive_body b ON b.sha256 = l.body_sha256
      LEFT JOIN fetch_url f ON f.id = l.final_url_id
      WHERE u.url = ? AND l.method = ? ORDER BY l.id DESC LIMIT 1""";

  /** The newest archived answer to {@code method url}. */
  public Optional<ArchivedFetch> findNewestArchived(String method, String url) {
    return query("read the archive", SELECT_NEWEST_FETCH, ps -> {
      ps.setString(1, url);
      ps.setString(2, method);
    }, rs -> new ArchivedFetch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
        rs.getString(6), new ArchivedBody(rs.getString(7), rs.getInt(8), rs.getBytes(9)), rs.getLong(10))).stream().findFirst();
  }

  /** What {@link #gc} removed. */
  public record Pruned(int runsKept, int fetchesRemoved, int urlsRemoved, int bodiesRemoved, long bytesRemoved) {}

  private static final String KEPT_RUNS = "SELECT DISTINCT run_id FROM fetch_log ORDER BY run_id DESC LIMIT ?";
  private static final String DELETE_OLD_FETCHES = "DELETE FROM fetch_log WHERE run_id NOT IN (" + KEPT_RUNS + ")";
  private static final String UNREFERENCED_BODIES =
      "FROM archive_body WHERE NOT EXISTS (SELECT 1 FROM fetch_log l WHERE l.body_sha256 = archive_body.sha256)";
  // NOT IN over one list of the referenced ids (SQLite builds it once) rather than NOT EXISTS per URL: no index
  // leads with final_url_id, and one is not worth its bytes for gc alone.
  private static final String DELETE_UNREFERENCED_URLS = """
      DELETE FROM fetch_url WHERE id NOT IN (
        SELECT url_id FROM fetch_log UNION SELECT final_url_id FROM fetch_log WHERE final_url_id IS NOT NULL)""";

  /**
   * Keeps the fetch log of the newest {@code keepRuns} runs that fetched (an offline run fetches nothing, so it
   * does not count) and deletes older log rows and every URL and body no kept row references, then compacts the
   * file.
   */
  public Pruned gc(int keepRuns) {
    if (keepRuns < 1) {
      throw new IllegalArgumentException("keep at least 1 run: " + keepRuns);
    }
    Pruned pruned = inTransaction("prune the archive", c -> {
      int kept;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + KEPT_RUNS + ")")) {
        ps.setInt(1, keepRuns);
        try (ResultSet rs = ps.executeQuery()) {
          kept = rs.next() ? rs.getInt(1) : 0;
        }
      }
      int fetches;
      try (PreparedStatement ps = c.prepareStatement(DELETE_OLD_FETCHES)) {
        ps.setInt(1, keepRuns);
        fetches = ps.executeUpdate();
      }
      int urls;
      try (PreparedStatement ps = c.prepareStatement(DELETE_UNREFERENCED_URLS)) {
        urls = ps.executeUpdate();
      }
      long bytes;
      try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(length(gzip)), 0) " + UNREFERENCED_BODIES);
          ResultSet rs = ps.executeQuery()) {
        bytes = rs.next() ? rs.getLong(1) : 0;
      }
      int bodies;
      try (PreparedStatement ps = c.prepareStatement("DELETE " + UNREFERENCED_BODIES)) {
        bodies = ps.executeUpdate();
      }
      return new Pruned(kept, fetches, urls, bodies, bytes);
    });
    if (pruned.fetchesRemoved() > 0) {
      try (Statement vacuum = connection.createStatement()) {
        vacuum.execute("VACUUM"); // gives the space back to the file system
      } catch (SQLException e) {
        throw new StoreException("cannot compact the database after pruning", e);
      }
    }
    return pruned;
  }

  /**
   * {@code headers} ("Name: value" lines) as the archive keeps them: without Date, the upstream's clock (fetched_at
   * says when we read the answer), and without a Content-Length that equals the body's size (the row's bytes).
   * Date changes on every exchange and Content-Length repeats bytes: neither tells replay or provenance anything.
   * Every other line is kept as it came.
   */
  private static String storedHeaders(String headers, long bytes) {
    StringBuilder kept = new StringBuilder(headers.length());
    int start = 0;
    while (start < headers.length()) {
      int newline = headers.indexOf('\n', start);
      int end = newline < 0 ? headers.length() : newline + 1;
      String line = headers.substring(start, end);
      int colon = line.indexOf(':');
      String name = colon > 0 ? line.substring(0, colon).trim() : "";
      boolean redundant = name.equalsIgnoreCase("Date")
          || name.equalsIgnoreCase("Content-Length") && line.substring(colon + 1).trim().equals(Long.toString(bytes));
      if (!redundant) {
        kept.append(line);
      }
      start = end;
    }
    return kept.toString();
  }

  /** The value of header {@code name} in "Name: value" lines, or null. */
  private static String header(String headers, String name) {
    for (String line : headers.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the database", e);
    }
  }

  private long insertSnapshot(Connection c, long runId, String source, Instant startedAt, String status, String error,
      long subjects, long missing, String dataDate, String warning) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_SNAPSHOT, Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, runId);
      ps.setString(2, source);
      ps.setString(3, format(startedAt));
      ps.setString(4, now());
      ps.setString(5, status);
      Jdbc.setNullable(ps, 6, error);
      ps.setLong(7, subjects);
      ps.setLong(8, missing);
      Jdbc.setNullable(ps, 9, dataDate);
      Jdbc.setNullable(ps, 10, warning);
      ps.executeUpdate();
      return generatedKey(ps);
    }
  }

  private List<SnapshotInfo> querySnapshots(String sql, Binder binder) {
    return query("list snapshots", sql, binder, rs -> new SnapshotInfo(rs.getLong(1), rs.getLong(2), rs.getString(3),
        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
        rs.getLong(10), rs.getLong(11), rs.getString(12), rs.getString(13)));
  }

  private <T> List<T> query(String what, String sql, Binder binder, RowMapper<T> mapper) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  private static void closeQuietly(Statement statement, SQLException failure) {
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private <T> T inTransaction(String what, Jdbc.Work<T> work) {
    return Jdbc.inTransaction(connection, what, work);
  }

  private String now() {
    return format(clock.instant());
  }

  private static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static long generatedKey(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("no generated key");
      }
      return keys.getLong(1);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
