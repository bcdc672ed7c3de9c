package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.SourceData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The store in SQLite or PostgreSQL (plain JDBC; what differs is {@link Dialect}). Each snapshot is written in one
 * transaction; values are versioned so an unchanged value is not stored again while every past snapshot's state can
 * still be read back exactly. The raw archive and publications are their own classes on the same connection.
 */
final class JdbcSnapshotStore implements SnapshotStore {
  private final Session session;
  private final Connection connection;
  private final ArchiveStore archive;
  private final PublicationStore publications;
  private final NotificationStore notifications;
  private final MemoryStore memory;

  JdbcSnapshotStore(Session session) {
    this.session = session;
    this.connection = session.connection;
    this.archive = new JdbcArchive(session);
    this.publications = new JdbcPublications(session);
    this.notifications = new JdbcNotifications(session);
    this.memory = new JdbcMemory(session);
  }

  private static final String INSERT_RUN = "INSERT INTO run(started_at, version, node) VALUES (?, ?, ?)";

  @Override
  public long beginRun(String version) {
    return session.inTransaction("begin a run", c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT_RUN, Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, session.now());
        ps.setString(2, version);
        Jdbc.setNullable(ps, 3, session.node);
        ps.executeUpdate();
        return Session.generatedKey(ps);
      }
    });
  }

  @Override
  public void finishRun(long runId) {
    session.inTransaction("finish run " + runId, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE run SET finished_at = ? WHERE id = ?")) {
        ps.setString(1, session.now());
        ps.setLong(2, runId);
        return ps.executeUpdate();
      }
    });
  }

  private static final String INSERT_SNAPSHOT = """
      INSERT INTO snapshot(run_id, source, started_at, finished_at, status, error, subjects, missing, data_date, warning)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String INSERT_UNRESOLVED =
      "INSERT INTO unresolved_name(snapshot_id, name) VALUES (?, ?) ON CONFLICT (snapshot_id, name) DO NOTHING";
  private static final String INSERT_MISSING = """
      INSERT INTO missing_model(snapshot_id, model_id, status, error_code) VALUES (?, ?, ?, ?)
      ON CONFLICT (snapshot_id, model_id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code""";
  private static final String UPSERT_ALIAS = """
      INSERT INTO model_alias(alias, model_id, snapshot_id) VALUES (?, ?, ?)
      ON CONFLICT(alias) DO UPDATE SET model_id = excluded.model_id, snapshot_id = excluded.snapshot_id
      WHERE model_alias.model_id <> excluded.model_id""";
  private static final String UPDATE_COUNTS = "UPDATE snapshot SET values_added = ?, values_closed = ? WHERE id = ?";

  @Override
  public SnapshotInfo writeSnapshot(long runId, String source, Instant startedAt, SourceData data,
      Collection<String> unresolved) {
    return writeSnapshot(runId, source, startedAt, data, unresolved, WriteProgress.NONE);
  }

  @Override
  public SnapshotInfo writeSnapshot(long runId, String source, Instant startedAt, SourceData data,
      Collection<String> unresolved, WriteProgress progress) {
    long id = session.inTransaction("write the " + source + " snapshot", c -> {
      JdbcStagedSnapshot.removeLeftovers(c, source);
      long snapshot = insertSnapshot(c, runId, source, startedAt, "ok", null, data.subjects(), data.missing().size(),
          data.dataDate(), warning(data));
      ValueWriter.Result written = ValueWriter.replace(c, session.dialect(), source, snapshot, data.observations(),
          progress);
      writeDetails(c, snapshot, data, unresolved);
      try (PreparedStatement counts = c.prepareStatement(UPDATE_COUNTS)) {
        counts.setInt(1, written.added());
        counts.setInt(2, written.closed());
        counts.setLong(3, snapshot);
        counts.executeUpdate();
      }
      return snapshot;
    });
    return findSnapshot(id).orElseThrow();
  }

  @Override
  public Stores.Lock lockSource(String source) {
    return session.connections.lockSource(connection, source);
  }

  @Override
  public StagedSnapshot stage(long runId, String source, Instant startedAt) {
    return new JdbcStagedSnapshot(session, this, runId, source, startedAt);
  }

  /** The warning of a partial snapshot: the parts {@code data} kept because they failed, and why; null when none. */
  static String warning(SourceData data) {
    List<SourceData.Kept> failed = data.kept().stream().filter(SourceData.Kept::partial).toList();
    return failed.isEmpty() ? null : failed.stream()
        .map(k -> k.label() + ": " + k.reason()).collect(Collectors.joining("; "));
  }

  /** The models {@code data} found missing, the renames it saw and the names it could not resolve. */
  static void writeDetails(Connection c, long snapshot, SourceData data, Collection<String> unresolved)
      throws SQLException {
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
  }

  @Override
  public SnapshotInfo recordFailure(long runId, String source, Instant startedAt, String error) {
    long id = session.inTransaction("record the " + source + " failure",
        c -> insertSnapshot(c, runId, source, startedAt, "failed", error, 0, 0, null, null));
    return findSnapshot(id).orElseThrow();
  }

  private static final String SELECT_SNAPSHOTS = """
      SELECT id, run_id, source, started_at, finished_at, status, error, subjects, missing,
             values_added, values_closed, data_date, warning FROM snapshot""";

  /** A snapshot still staged is in progress, or the leftover of a process that died: not listed (see V14). */
  private static final String NOT_STAGED = "id NOT IN (SELECT snapshot_id FROM staged_snapshot)";

  @Override
  public List<SnapshotInfo> listSnapshots() {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE " + NOT_STAGED + " ORDER BY id", ps -> {});
  }

  @Override
  public Optional<SnapshotInfo> findSnapshot(long id) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
  }

  @Override
  public Optional<SnapshotInfo> findLatest(String source) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE source = ? AND status = 'ok' ORDER BY id DESC LIMIT 1",
        ps -> ps.setString(1, source)).stream().findFirst();
  }

  @Override
  public Optional<SnapshotInfo> findLatestFailure(String source) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE source = ? AND status = 'failed' AND " + NOT_STAGED
        + " ORDER BY id DESC LIMIT 1",
        ps -> ps.setString(1, source)).stream().findFirst();
  }

  @Override
  public Optional<SnapshotInfo> findLatestAtOrBefore(String source, long runId) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE source = ? AND status = 'ok' AND run_id <= ? ORDER BY id DESC LIMIT 1",
        ps -> {
          ps.setString(1, source);
          ps.setLong(2, runId);
        }).stream().findFirst();
  }

  @Override
  public Optional<SnapshotInfo> findPrevious(SnapshotInfo snapshot) {
    return querySnapshots(SELECT_SNAPSHOTS + " WHERE source = ? AND status = 'ok' AND id < ? ORDER BY id DESC LIMIT 1",
        ps -> {
          ps.setString(1, snapshot.source());
          ps.setLong(2, snapshot.id());
        }).stream().findFirst();
  }

  @Override
  public Map<String, String> loadRenames(long fromExclusive, long toInclusive) {
    Map<String, String> renames = new LinkedHashMap<>();
    session.query("read renames", "SELECT alias, model_id FROM model_alias WHERE snapshot_id > ? AND snapshot_id <= ? ORDER BY alias",
        ps -> {
          ps.setLong(1, fromExclusive);
          ps.setLong(2, toInclusive);
        }, rs -> renames.put(rs.getString(1), rs.getString(2)));
    return renames;
  }

  // The index observation_state (V5) gives this order without a sort, so the first row comes at once and a
  // state is read in one pass however large it is (SnapshotStoreTest checks the plan). PostgreSQL orders these
  // columns by code point too: they are COLLATE "C" there.
  static final String SELECT_STATE = """
      SELECT subject, variant, key, value, raw, url FROM observation
      WHERE source = ? AND from_snapshot <= ? AND (to_snapshot IS NULL OR to_snapshot > ?)
      ORDER BY subject, variant, key""";
  private static final String ORDER = "ORDER BY subject, variant, key";

  @Override
  public StateCursor openState(SnapshotInfo snapshot) {
    return openState(snapshot, SELECT_STATE, List.of());
  }

  @Override
  public StateCursor openValues(SnapshotInfo snapshot, Collection<String> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no keys to read");
    }
    return openState(snapshot, SELECT_STATE.replace("value, raw, url", "value, NULL, NULL")
        .replace(ORDER, "AND key IN (" + placeholders(keys.size()) + ") " + ORDER), keys);
  }

  private StateCursor openState(SnapshotInfo snapshot, String sql, Collection<String> keys) {
    Connection c = session.connections.forCursor(connection);
    Connection own = c == connection ? null : c;
    PreparedStatement ps = null;
    try {
      ps = c.prepareStatement(sql);
      session.dialect().stream(ps);
      ps.setString(1, snapshot.source());
      ps.setLong(2, snapshot.id());
      ps.setLong(3, snapshot.id());
      int i = 4;
      for (String key : keys) {
        ps.setString(i++, key);
      }
      return new StateCursor(ps, snapshot.id(), own);
    } catch (SQLException e) {
      Session.closeQuietly(ps, e);
      if (own != null) {
        try {
          own.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new StoreException("cannot read snapshot " + snapshot.id(), e);
    }
  }

  // observation_state leads with (source, subject, variant, key): one index range per model and key. The same SQL on
  // both dialects; the text columns order by code point on both (see Dialect).
  private static final String SELECT_HISTORY = """
      SELECT o.subject, o.variant, o.key, o.value, o.from_snapshot, s.finished_at, o.to_snapshot
      FROM observation o JOIN snapshot s ON s.id = o.from_snapshot AND s.status = 'ok'
      WHERE o.source = ? AND o.subject IN (%s) AND o.key IN (%s)
      ORDER BY o.subject, o.variant, o.key, o.from_snapshot""";

  @Override
  public List<ValueVersion> loadHistory(String source, Collection<String> subjects, Collection<String> keys) {
    if (subjects.isEmpty() || keys.isEmpty()) {
      return List.of();
    }
    String sql = SELECT_HISTORY.formatted(placeholders(subjects.size()), placeholders(keys.size()));
    return session.query("read the history of " + source, sql, ps -> {
      int i = 1;
      ps.setString(i++, source);
      for (String subject : subjects) {
        ps.setString(i++, subject);
      }
      for (String key : keys) {
        ps.setString(i++, key);
      }
    }, rs -> {
      long to = rs.getLong(7);
      OptionalLong until = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(to);
      return new ValueVersion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
          rs.getString(6), until);
    });
  }

  private static String placeholders(int count) {
    return "?, ".repeat(count - 1) + "?";
  }

  private static final String SELECT_SUBJECTS = """
      SELECT DISTINCT subject FROM observation
      WHERE source = ? AND from_snapshot <= ? AND (to_snapshot IS NULL OR to_snapshot > ?)""";

  @Override
  public List<String> loadSubjects(SnapshotInfo snapshot) {
    return session.query("read the models of snapshot " + snapshot.id(), SELECT_SUBJECTS, ps -> {
      ps.setString(1, snapshot.source());
      ps.setLong(2, snapshot.id());
      ps.setLong(3, snapshot.id());
    }, rs -> rs.getString(1));
  }

  @Override
  public List<String> loadUnresolved(SnapshotInfo snapshot) {
    return session.query("read unresolved names of " + snapshot.id(),
        "SELECT name FROM unresolved_name WHERE snapshot_id = ? ORDER BY name",
        ps -> ps.setLong(1, snapshot.id()), rs -> rs.getString(1));
  }

  @Override
  public List<MissingModel> loadMissing(SnapshotInfo snapshot) {
    return session.query("read missing models of " + snapshot.id(),
        "SELECT model_id, status, error_code FROM missing_model WHERE snapshot_id = ? ORDER BY model_id",
        ps -> ps.setLong(1, snapshot.id()),
        rs -> new MissingModel(rs.getString(1), rs.getInt(2), rs.getString(3)));
  }

  @Override
  public Map<String, String> loadAliases() {
    Map<String, String> aliases = new LinkedHashMap<>();
    session.query("read aliases", "SELECT alias, model_id FROM model_alias ORDER BY alias", ps -> {},
        rs -> aliases.put(rs.getString(1), rs.getString(2)));
    return aliases;
  }

  @Override
  public void archive(long runId, List<ArchivedFetch> fetches) {
    archive.archive(runId, fetches);
  }

  @Override
  public Optional<ArchivedFetch> findNewestArchived(String method, String url) {
    return archive.findNewestArchived(method, url);
  }

  @Override
  public Pruned gc(int keepRuns) {
    return archive.gc(keepRuns);
  }

  @Override
  public Publication publish(String path, String catalog) {
    return publications.publish(path, catalog);
  }

  @Override
  public Optional<Publication> findPublication() {
    return publications.findPublication();
  }

  @Override
  public NotificationStore notifications() {
    return notifications;
  }

  @Override
  public MemoryStore memory() {
    return memory;
  }

  @Override
  public void close() {
    session.close();
  }

  long insertSnapshot(Connection c, long runId, String source, Instant startedAt, String status, String error,
      long subjects, long missing, String dataDate, String warning) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_SNAPSHOT, Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, runId);
      ps.setString(2, source);
      ps.setString(3, Session.format(startedAt));
      ps.setString(4, session.now());
      ps.setString(5, status);
      Jdbc.setNullable(ps, 6, error);
      ps.setLong(7, subjects);
      ps.setLong(8, missing);
      Jdbc.setNullable(ps, 9, dataDate);
      Jdbc.setNullable(ps, 10, warning);
      ps.executeUpdate();
      return Session.generatedKey(ps);
    }
  }

  private List<SnapshotInfo> querySnapshots(String sql, Session.Binder binder) {
    return session.query("list snapshots", sql, binder, rs -> new SnapshotInfo(rs.getLong(1), rs.getLong(2), rs.getString(3),
        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
        rs.getLong(10), rs.getLong(11), rs.getString(12), rs.getString(13)));
  }
}
