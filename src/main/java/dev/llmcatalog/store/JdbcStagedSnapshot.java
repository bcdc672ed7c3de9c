package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StagedSnapshot} in SQLite or PostgreSQL. Values handed over are gathered into batches of about
 * {@value ValueWriter#BATCH} (fewer when the writer is idle) and written by one thread of its own, on a connection of
 * its own, each batch in its own short transaction, so the fetching threads never wait for the database unless {@value #QUEUED} batches are queued.
 * A batch inserts the new and changed values of its models under the snapshot (a model whose digest (V8) did not
 * change costs nothing) and notes the stored values they replace; the commit closes those and the values of models
 * no longer there, updates the digests and turns the snapshot to 'ok', in one transaction.
 *
 * <p>Until then the snapshot is 'failed' with {@link #UNFINISHED} and named in staged_snapshot (V14): every reader
 * reads states of successful snapshots only, and a staged value lies beyond the newest of those, so none is seen.
 */
final class JdbcStagedSnapshot implements StagedSnapshot {
  private static final Logger log = LoggerFactory.getLogger(JdbcStagedSnapshot.class);
  static final String UNFINISHED = "unfinished: its values were still being written, none of them visible";
  static final String INTERRUPTED = "interrupted: the sync ended before this snapshot was finished;"
      + " none of its values became visible";
  /** Batches handed to the writing thread and not written yet, at most: what memory the hand-over may hold. */
  private static final int QUEUED = 4;
  /**
   * Values that make a batch when the writing thread has nothing to do: then what trickles in (listed models, one
   * answer at a time) is written meanwhile, and little is left to write when the source is done.
   */
  private static final int IDLE_BATCH = 1_000;
  private static final String INSERT_STAGED = "INSERT INTO staged_snapshot(snapshot_id, source) VALUES (?, ?)";
  private static final String SELECT_CURRENT_OF = """
      SELECT id, subject, variant, key, value, raw FROM observation
      WHERE source = ? AND subject = ? AND to_snapshot IS NULL AND from_snapshot < ? ORDER BY variant, key""";

  private final Session session;
  private final JdbcSnapshotStore store;
  private final long runId;
  private final String source;
  private final Instant startedAt;

  // The hand-over, on the fetching threads.
  private final Object lock = new Object();
  private List<List<Observation>> pending = new ArrayList<>();
  private int pendingValues;
  private final Semaphore slots = new Semaphore(QUEUED);
  private ExecutorService writer;
  private volatile Throwable failure;
  private volatile boolean abandoned;
  /** Values handed so far, and of those the ones written (or found unchanged); under {@link #lock}. */
  private long acceptedValues;
  private long writtenValues;
  /** Told of each batch written once the commit has begun; under {@link #lock}. */
  private WriteProgress progress = WriteProgress.NONE;

  // The write, on the writing thread until the hand-over is drained.
  private Connection connection;
  private long snapshot = -1;
  private boolean trusted;
  private boolean hasCurrent;
  private Map<String, byte[]> stored = Map.of();
  /** Per model handed: how many values its last hand-off had. */
  private final Map<String, Integer> handed = new HashMap<>();
  private long handedValues;
  /**
   * The digests to store at the commit: of every model handed that is new or changed, when the stored digests are
   * trusted. Untrusted ones (none yet: a first sync) are replaced while staging, batch by batch (see {@link #begin}).
   */
  private final Map<String, byte[]> digests = new HashMap<>();
  /** The digests of the batch being written, when they are written while staging. */
  private final Map<String, byte[]> batchDigests = new HashMap<>();
  /** The stored values each changed model replaces, closed by the commit. */
  private final Map<String, long[]> closes = new HashMap<>();
  private long added;
  private final ModelMerge.Digester digester = new ModelMerge.Digester();

  JdbcStagedSnapshot(Session session, JdbcSnapshotStore store, long runId, String source, Instant startedAt) {
    this.session = session;
    this.store = store;
    this.runId = runId;
    this.source = source;
    this.startedAt = startedAt;
  }

  @Override
  public void accept(List<Observation> values) {
    rethrowFailure();
    if (values.isEmpty()) {
      return;
    }
    List<List<Observation>> batch = null;
    synchronized (lock) {
      pending.add(values);
      pendingValues += values.size();
      acceptedValues += values.size();
      if (pendingValues >= ValueWriter.BATCH
          || pendingValues >= IDLE_BATCH && slots.availablePermits() == QUEUED) { // full, or the writer is idle
        batch = pending;
        pending = new ArrayList<>();
        pendingValues = 0;
      }
    }
    if (batch != null) {
      submit(batch);
    }
  }

  private void submit(List<List<Observation>> batch) {
    if (abandoned) {
      return; // the source failed: what it still hands goes nowhere
    }
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while handing values of " + source + " to the database",
          new SQLException(e));
    }
    synchronized (lock) {
      if (writer == null) {
        writer = Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "stage-" + source);
          t.setDaemon(true);
          return t;
        });
      }
      writer.execute(() -> {
        try {
          if (failure == null && !abandoned) {
            write(batch);
          }
        } catch (Throwable e) {
          failure = e;
        } finally {
          slots.release();
        }
      });
    }
  }

  /** Hands the last values over and waits until every batch is written (or has failed); ends the writing thread. */
  private void drain() {
    flush();
    synchronized (lock) {
      if (writer != null) {
        writer.shutdown();
      }
    }
  }

  @Override
  public void flush() {
    List<List<Observation>> rest;
    synchronized (lock) {
      rest = pending;
      pending = new ArrayList<>();
      pendingValues = 0;
    }
    if (!rest.isEmpty()) {
      submit(rest);
    }
    slots.acquireUninterruptibly(QUEUED);
    slots.release(QUEUED);
  }

  private void rethrowFailure() {
    Throwable e = failure;
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e instanceof Error error) {
      throw error;
    }
  }

  /** Writes one batch: its hand-offs in order, each model merged with the stored state as it is known so far. */
  private void write(List<List<Observation>> batch) {
    if (snapshot < 0) {
      snapshot = Jdbc.inTransaction(connection(), "start the " + source + " snapshot", c -> {
        session.dialect().lockWrites(c);
        return begin(c);
      });
    }
    Jdbc.inTransaction(connection(), "stage values of " + source, c -> {
      session.dialect().lockWrites(c);
      requireStillStaged(c); // else these values would land under a snapshot nobody cleans up
      List<Observation> inserts = new ArrayList<>();
      Set<String> inInserts = new HashSet<>();
      for (List<Observation> handOff : batch) {
        Observation[] sorted = handOff.toArray(Observation[]::new);
        Arrays.sort(sorted, StateOrder.KEYS);
        int from = 0;
        while (from < sorted.length) {
          int to = from + 1;
          while (to < sorted.length && sorted[to].subject().equals(sorted[from].subject())) {
            to++;
          }
          if (inInserts.contains(sorted[from].subject())) { // handed twice in one batch: the first goes in first
            insert(c, inserts);
            inInserts.clear();
          }
          if (stageModel(c, sorted, from, to, inserts)) {
            inInserts.add(sorted[from].subject());
          }
          from = to;
        }
      }
      insert(c, inserts);
      upsertDigests(c, batchDigests);
      batchDigests.clear();
      return null;
    });
    long values = batch.stream().mapToLong(List::size).sum();
    synchronized (lock) {
      writtenValues += values;
      ValueWriter.done(progress, values);
    }
  }

  private void insert(Connection c, List<Observation> inserts) throws SQLException {
    session.dialect().insertValues(c, source, snapshot, inserts, WriteProgress.NONE);
    added += inserts.size();
    inserts.clear();
  }

  /** Stages the model {@code sorted[from, to)}; true when it added values to {@code inserts}. */
  private boolean stageModel(Connection c, Observation[] sorted, int from, int to, List<Observation> inserts)
      throws SQLException {
    ModelMerge.requireUnique(source, sorted, from, to);
    String subject = sorted[from].subject();
    Integer before = handed.put(subject, to - from);
    if (before != null) { // handed again: this hand-off replaces the earlier one
      handedValues -= before;
      unstage(c, subject);
    }
    handedValues += to - from;
    byte[] digest = digester.digest(sorted, from, to);
    if (trusted && Arrays.equals(stored.get(subject), digest)) {
      return false; // unchanged
    }
    (trusted ? digests : batchDigests).put(subject, digest);
    if (!hasCurrent || trusted && !stored.containsKey(subject)) {
      inserts.addAll(Arrays.asList(sorted).subList(from, to)); // a new model: nothing stored to compare with
      return true;
    }
    List<Long> replaced = new ArrayList<>();
    int[] marked = {0};
    try (PreparedStatement current = c.prepareStatement(SELECT_CURRENT_OF)) {
      current.setString(1, source);
      current.setString(2, subject);
      current.setLong(3, snapshot);
      try (ResultSet rs = current.executeQuery()) {
        ModelMerge.merge(rs, sorted, from, to, new ModelMerge.Marks() {
          @Override
          public void close(long id) {
            replaced.add(id);
          }

          @Override
          public void insert(int index) {
            inserts.add(sorted[index]);
            marked[0]++;
          }

          @Override
          public void unchanged() {}
        });
      }
    }
    if (!replaced.isEmpty()) {
      closes.put(subject, replaced.stream().mapToLong(Long::longValue).toArray());
    }
    return marked[0] > 0;
  }

  /** Removes what an earlier hand-off of {@code subject} staged. */
  private void unstage(Connection c, String subject) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(
        "DELETE FROM observation WHERE source = ? AND subject = ? AND from_snapshot = ?")) {
      delete.setString(1, source);
      delete.setString(2, subject);
      delete.setLong(3, snapshot);
      added -= delete.executeUpdate();
    }
    closes.remove(subject);
    digests.remove(subject);
  }

  /**
   * Before the first batch: the leftovers of dead syncs removed, the snapshot row, what is stored already; returns
   * the snapshot's id.
   */
  private long begin(Connection c) throws SQLException {
    removeLeftovers(c, source);
    long snapshot = store.insertSnapshot(c, runId, source, startedAt, "failed", UNFINISHED, 0, 0, null, null);
    try (PreparedStatement ps = c.prepareStatement(INSERT_STAGED)) {
      ps.setLong(1, snapshot);
      ps.setString(2, source);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(ValueWriter.DIGESTS_TRUSTED)) {
      ps.setString(1, source);
      ps.setString(2, source);
      ps.setLong(3, snapshot);
      try (ResultSet rs = ps.executeQuery()) {
        trusted = rs.next() && rs.getBoolean(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM observation WHERE source = ? AND to_snapshot IS NULL AND from_snapshot < ? LIMIT 1")) {
      ps.setString(1, source);
      ps.setLong(2, snapshot);
      try (ResultSet rs = ps.executeQuery()) {
        hasCurrent = rs.next();
      }
    }
    if (!trusted) { // rewritten while staging; until the commit marks them, nothing trusts them
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM subject_digest WHERE source = ?")) {
        delete.setString(1, source);
        delete.executeUpdate();
      }
    }
    if (trusted && hasCurrent) {
      Map<String, byte[]> known = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(ValueWriter.SELECT_DIGESTS)) {
        session.dialect().stream(ps);
        ps.setString(1, source);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.put(rs.getString(1), rs.getBytes(2));
          }
        }
      }
      stored = known;
    }
    return snapshot;
  }

  @Override
  public SnapshotInfo commit(SourceData data, Collection<String> unresolved, WriteProgress progress) {
    synchronized (lock) { // what is left to write moves the progress: most of it was written while fetching
      this.progress = progress;
      if (acceptedValues > 0) {
        progress.expect(acceptedValues);
        ValueWriter.done(progress, writtenValues);
      }
    }
    drain();
    rethrowFailure();
    if (failure != null) {
      throw new IllegalStateException(source + ": cannot stage values: " + failure, failure);
    }
    if (snapshot < 0) { // nothing was handed: the whole state in one transaction
      return store.writeSnapshot(runId, source, startedAt, data, unresolved, progress);
    }
    if (handed.size() != data.subjects() || handedValues != data.observations().size()) {
      throw new IllegalStateException(source + " handed " + handedValues + " values of " + handed.size()
          + " models while fetching, but its state has " + data.observations().size() + " values of "
          + data.subjects() + " models; nothing of it became visible");
    }
    long closed = Jdbc.inTransaction(connection(), "write the " + source + " snapshot", c -> {
      session.dialect().lockWrites(c);
      requireStillStaged(c);
      List<String> gone = gone(c);
      long ended = closeReplaced(c, gone, progress);
      storeDigests(c, gone);
      try (PreparedStatement ps = c.prepareStatement("""
          UPDATE snapshot SET status = 'ok', error = NULL, finished_at = ?, subjects = ?, missing = ?, data_date = ?,
            warning = ?, values_added = ?, values_closed = ? WHERE id = ?""")) {
        ps.setString(1, session.now());
        ps.setLong(2, handed.size());
        ps.setLong(3, data.missing().size());
        Jdbc.setNullable(ps, 4, data.dataDate());
        Jdbc.setNullable(ps, 5, JdbcSnapshotStore.warning(data));
        ps.setLong(6, added);
        ps.setLong(7, ended);
        ps.setLong(8, snapshot);
        ps.executeUpdate();
      }
      JdbcSnapshotStore.writeDetails(c, snapshot, data, unresolved);
      deleteStaged(c, snapshot);
      return ended;
    });
    log.debug("{}: snapshot {} made visible: {} values added while fetching, {} closed", source, snapshot, added,
        closed);
    closeConnection();
    return store.findSnapshot(snapshot).orElseThrow();
  }

  /** Fails when another sync of the source removed this one's staged values as leftovers. */
  private void requireStillStaged(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM staged_snapshot WHERE snapshot_id = ?")) {
      ps.setLong(1, snapshot);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("another sync of " + source + " removed the values this one had staged"
              + " under snapshot " + snapshot + " (two syncs of one source at once); nothing of it became visible");
        }
      }
    }
  }

  /** The models with current values that were not handed this time. */
  private List<String> gone(Connection c) throws SQLException {
    List<String> gone = new ArrayList<>();
    if (trusted) {
      stored.keySet().stream().filter(s -> !handed.containsKey(s)).forEach(gone::add);
    } else if (hasCurrent) {
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT DISTINCT subject FROM observation WHERE source = ? AND to_snapshot IS NULL AND from_snapshot < ?""")) {
        session.dialect().stream(ps);
        ps.setString(1, source);
        ps.setLong(2, snapshot);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (!handed.containsKey(rs.getString(1))) {
              gone.add(rs.getString(1));
            }
          }
        }
      }
    }
    return gone;
  }

  /** Closes the values the staged ones replace and those of the models gone; returns how many. */
  private long closeReplaced(Connection c, List<String> gone, WriteProgress progress) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement current = c.prepareStatement(SELECT_CURRENT_OF)) {
      for (String subject : gone) {
        current.setString(1, source);
        current.setString(2, subject);
        current.setLong(3, snapshot);
        try (ResultSet rs = current.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
    }
    long count = ids.size() + closes.values().stream().mapToLong(a -> a.length).sum();
    if (count > 0) {
      progress.expect(count);
    }
    try (PreparedStatement close = c.prepareStatement(ValueWriter.CLOSE_VALUE)) {
      int n = 0;
      for (long[] replaced : closes.values()) {
        for (long id : replaced) {
          n = closeOne(close, id, n, progress);
        }
      }
      for (long id : ids) {
        n = closeOne(close, id, n, progress);
      }
      close.executeBatch();
      ValueWriter.done(progress, n % ValueWriter.BATCH);
    }
    return count;
  }

  private int closeOne(PreparedStatement close, long id, int n, WriteProgress progress) throws SQLException {
    close.setLong(1, snapshot);
    close.setLong(2, id);
    close.addBatch();
    if (++n % ValueWriter.BATCH == 0) {
      close.executeBatch();
      ValueWriter.done(progress, ValueWriter.BATCH);
    }
    return n;
  }

  /**
   * The digests of the new state: with trusted ones, those of the changed models replaced and those of the models
   * gone removed (untrusted ones were all written while staging); then marked as the new snapshot's.
   */
  private void storeDigests(Connection c, List<String> gone) throws SQLException {
    if (trusted) {
      upsertDigests(c, digests);
      try (PreparedStatement delete = c.prepareStatement(ValueWriter.DELETE_DIGEST)) {
        for (String subject : gone) {
          delete.setString(1, source);
          delete.setString(2, subject);
          delete.addBatch();
        }
        delete.executeBatch();
      }
    }
    try (PreparedStatement mark = c.prepareStatement(ValueWriter.MARK_DIGESTS)) {
      mark.setString(1, source);
      mark.setLong(2, snapshot);
      mark.executeUpdate();
    }
  }

  private void upsertDigests(Connection c, Map<String, byte[]> models) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(ValueWriter.UPSERT_DIGEST)) {
      int n = 0;
      for (Map.Entry<String, byte[]> e : models.entrySet()) {
        upsert.setString(1, source);
        upsert.setString(2, e.getKey());
        upsert.setBytes(3, e.getValue());
        upsert.addBatch();
        if (++n % ValueWriter.BATCH == 0) {
          upsert.executeBatch();
        }
      }
      upsert.executeBatch();
    }
  }

  @Override
  public SnapshotInfo abandon(String error) {
    abandoned = true;
    drain();
    try {
      if (snapshot < 0) {
        return store.recordFailure(runId, source, startedAt, error);
      }
      Jdbc.inTransaction(connection(), "remove the staged values of " + source, c -> {
        session.dialect().lockWrites(c);
        try (PreparedStatement delete = c.prepareStatement(
            "DELETE FROM observation WHERE source = ? AND from_snapshot = ?")) {
          delete.setString(1, source);
          delete.setLong(2, snapshot);
          delete.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE snapshot SET error = ?, finished_at = ? WHERE id = ?")) {
          ps.setString(1, error);
          ps.setString(2, session.now());
          ps.setLong(3, snapshot);
          ps.executeUpdate();
        }
        deleteStaged(c, snapshot);
        return null;
      });
      return store.findSnapshot(snapshot).orElseThrow();
    } finally {
      closeConnection(); // also when the database failed: the next write of the source removes what is left
    }
  }

  /**
   * What a process that dies does to this write, for tests: its writing thread stops and its connection goes, its
   * staged values and its snapshot stay as they are.
   */
  void dieForTest() {
    abandoned = true;
    drain();
    closeConnection();
  }

  /**
   * Removes the staged values of every snapshot of {@code source} still named in staged_snapshot: syncs that died
   * before finishing. Their snapshots stay, failed, saying so. Runs first in every write of the source.
   */
  static void removeLeftovers(Connection c, String source) throws SQLException {
    List<Long> dead = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id FROM staged_snapshot WHERE source = ?")) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          dead.add(rs.getLong(1));
        }
      }
    }
    for (long id : dead) {
      int removed;
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM observation WHERE source = ? AND from_snapshot = ?")) {
        delete.setString(1, source);
        delete.setLong(2, id);
        removed = delete.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE snapshot SET error = ? WHERE id = ?")) {
        ps.setString(1, INTERRUPTED);
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      deleteStaged(c, id);
      log.info("{}: removed {} values of unfinished snapshot {} (a sync that ended before finishing it)", source,
          removed, id);
    }
  }

  private static void deleteStaged(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM staged_snapshot WHERE snapshot_id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  private Connection connection() {
    if (connection == null) {
      connection = session.connections.connect();
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("{}: cannot close the staging connection: {}", source, e.getMessage());
      }
      connection = null;
    }
  }
}
