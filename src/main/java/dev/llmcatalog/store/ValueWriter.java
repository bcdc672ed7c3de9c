package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Observation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Replaces a source's current values with a new state inside the snapshot's transaction: closes what changed or
 * vanished, inserts what is new or changed, and keeps one digest per model (V8) so that the values of models whose
 * digest did not change are not even read. The stored values are merged with the new state sorted the same way,
 * so the old state is never held in memory beside the new one; rows are only marked during a read and written
 * after it, since SQLite must not change a table under an open cursor.
 */
final class ValueWriter {
  private static final String SELECT_CURRENT = """
      SELECT id, subject, variant, key, value, raw FROM observation
      WHERE source = ? AND to_snapshot IS NULL ORDER BY subject, variant, key""";
  private static final String SELECT_CURRENT_OF = """
      SELECT id, subject, variant, key, value, raw FROM observation
      WHERE source = ? AND subject = ? AND to_snapshot IS NULL ORDER BY variant, key""";
  static final String CLOSE_VALUE = "UPDATE observation SET to_snapshot = ? WHERE id = ?";
  private static final String INSERT_VALUE =
      "INSERT INTO observation(source, subject, variant, key, value, raw, url, from_snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  /**
   * Rows of one INSERT statement: SQLite and its JDBC driver take a quarter less time for a Hub state's values in
   * statements of 32 rows than in a batch of one-row statements (more rows gain nothing more).
   */
  static final int ROWS_PER_INSERT = 32;
  private static final String INSERT_VALUES = INSERT_VALUE + ", (?, ?, ?, ?, ?, ?, ?, ?)".repeat(ROWS_PER_INSERT - 1);
  static final String SELECT_DIGESTS = "SELECT subject, digest FROM subject_digest WHERE source = ? ORDER BY subject";
  static final String UPSERT_DIGEST = """
      INSERT INTO subject_digest(source, subject, digest) VALUES (?, ?, ?)
      ON CONFLICT(source, subject) DO UPDATE SET digest = excluded.digest""";
  static final String DELETE_DIGEST = "DELETE FROM subject_digest WHERE source = ? AND subject = ?";
  static final String DIGESTS_TRUSTED = """
      SELECT EXISTS (SELECT 1 FROM subject_digest_state d
        WHERE d.source = ? AND d.snapshot_id =
          (SELECT max(id) FROM snapshot WHERE source = ? AND status = 'ok' AND id < ?))""";
  static final String MARK_DIGESTS = """
      INSERT INTO subject_digest_state(source, snapshot_id) VALUES (?, ?)
      ON CONFLICT(source) DO UPDATE SET snapshot_id = excluded.snapshot_id""";
  static final int BATCH = 10_000;
  /** Above this share of models changed, one ordered read of all current values beats a lookup per model. */
  private static final double FULL_MERGE_SHARE = 0.25;

  private final Connection c;
  private final Dialect dialect;
  private final String source;
  private final long snapshot;
  private final Observation[] sorted;
  /** Per model of the new state, in order: its first index in {@link #sorted}, its name and digest. */
  private final int[] starts;
  private final String[] subjects;
  private final byte[][] digests;
  private final BitSet toInsert;
  private final WriteProgress progress;
  /** Values found unchanged by the merge and not yet reported to {@link #progress}. */
  private int unchanged;
  private long[] toClose = new long[16];
  private int closed;

  private ValueWriter(Connection c, Dialect dialect, String source, long snapshot, Observation[] sorted,
      WriteProgress progress) {
    this.c = c;
    this.dialect = dialect;
    this.progress = progress;
    this.source = source;
    this.snapshot = snapshot;
    this.sorted = sorted;
    this.toInsert = new BitSet(sorted.length);
    int models = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || !sorted[i].subject().equals(sorted[i - 1].subject())) {
        models++;
      }
    }
    starts = new int[models + 1];
    subjects = new String[models];
    digests = new byte[models][];
    ModelMerge.Digester digester = new ModelMerge.Digester();
    int m = -1;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || !sorted[i].subject().equals(sorted[i - 1].subject())) {
        starts[++m] = i;
        subjects[m] = sorted[i].subject();
      }
    }
    starts[models] = sorted.length;
    for (m = 0; m < models; m++) {
      digests[m] = digester.digest(sorted, starts[m], starts[m + 1]);
    }
  }

  /** What a write did: values added and closed, and whether it merged only the models whose digest changed. */
  record Result(int added, int closed, boolean perModel) {}

  /**
   * Makes {@code observations} the current state of {@code source} as of {@code snapshot} (a row of table snapshot).
   *
   * @throws IllegalArgumentException when the state holds one key twice (nothing is written)
   */
  static Result replace(Connection c, Dialect dialect, String source, long snapshot, List<Observation> observations,
      WriteProgress progress)
      throws SQLException {
    Observation[] sorted = observations.toArray(Observation[]::new); // references only: the values stay shared
    Arrays.sort(sorted, StateOrder.KEYS);
    ModelMerge.requireUnique(source, sorted, 0, sorted.length);
    progress.expect(sorted.length);
    return new ValueWriter(c, dialect, source, snapshot, sorted, progress).run();
  }

  private Result run() throws SQLException {
    List<Integer> changed = new ArrayList<>(); // models of the new state whose digest is new or different
    List<String> gone = new ArrayList<>(); // models with stored digests that the new state lacks
    boolean perModel = digestsTrusted() && compareDigests(changed, gone)
        && changed.size() + gone.size() <= FULL_MERGE_SHARE * Math.max(1, subjects.length);
    if (perModel) {
      int toMerge = 0;
      for (int m : changed) {
        toMerge += starts[m + 1] - starts[m];
      }
      done(sorted.length - toMerge); // the values of models whose digest did not change
      mergeModels(changed, gone);
      updateDigests(changed, gone);
    } else {
      mergeAll();
      replaceAllDigests();
    }
    try (PreparedStatement mark = c.prepareStatement(MARK_DIGESTS)) {
      mark.setString(1, source);
      mark.setLong(2, snapshot);
      mark.executeUpdate();
    }
    reportUnchanged();
    closeMarked();
    return new Result(insertMarked(), closed, perModel);
  }

  /** Whether the digests were written with the source's previous snapshot, so they describe its current values. */
  private boolean digestsTrusted() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DIGESTS_TRUSTED)) {
      ps.setString(1, source);
      ps.setString(2, source);
      ps.setLong(3, snapshot);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * Fills {@code changed} and {@code gone}; false when the digests cannot be used: there are none, or they do not
   * come in the code point order the new state is in (a name the driver could not store as given).
   */
  private boolean compareDigests(List<Integer> changed, List<String> gone) throws SQLException {
    boolean any = false;
    String previous = null;
    try (PreparedStatement ps = c.prepareStatement(SELECT_DIGESTS)) {
      dialect.stream(ps);
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        int m = 0;
        while (rs.next()) {
          any = true;
          String subject = rs.getString(1);
          if (previous != null && StateOrder.CODE_POINTS.compare(previous, subject) >= 0) {
            return false;
          }
          previous = subject;
          while (m < subjects.length && StateOrder.CODE_POINTS.compare(subjects[m], subject) < 0) {
            changed.add(m++); // new model
          }
          if (m < subjects.length && subjects[m].equals(subject)) {
            if (!Arrays.equals(digests[m], rs.getBytes(2))) {
              changed.add(m);
            }
            m++;
          } else {
            gone.add(subject);
          }
        }
        while (m < subjects.length) {
          changed.add(m++);
        }
      }
    }
    return any;
  }

  private void mergeAll() throws SQLException {
    try (PreparedStatement current = c.prepareStatement(SELECT_CURRENT)) {
      dialect.stream(current);
      current.setString(1, source);
      try (ResultSet rs = current.executeQuery()) {
        merge(rs, 0, sorted.length);
      }
    }
  }

  private void mergeModels(List<Integer> changed, List<String> gone) throws SQLException {
    try (PreparedStatement current = c.prepareStatement(SELECT_CURRENT_OF)) {
      current.setString(1, source);
      for (int m : changed) {
        current.setString(2, subjects[m]);
        try (ResultSet rs = current.executeQuery()) {
          merge(rs, starts[m], starts[m + 1]);
        }
      }
      for (String subject : gone) {
        current.setString(2, subject);
        try (ResultSet rs = current.executeQuery()) {
          merge(rs, 0, 0);
        }
      }
    }
  }

  /** Marks stored values that changed or vanished to close, new or changed ones to insert. */
  private void merge(ResultSet rs, int from, int to) throws SQLException {
    ModelMerge.merge(rs, sorted, from, to, marks);
  }

  private final ModelMerge.Marks marks = new ModelMerge.Marks() {
    @Override
    public void close(long id) {
      if (closed == toClose.length) {
        toClose = Arrays.copyOf(toClose, closed * 2);
      }
      toClose[closed++] = id;
    }

    @Override
    public void insert(int index) {
      toInsert.set(index);
    }

    @Override
    public void unchanged() {
      countUnchanged();
    }
  };

  private void countUnchanged() {
    if (++unchanged == BATCH) {
      reportUnchanged();
    }
  }

  private void reportUnchanged() {
    done(unchanged);
    unchanged = 0;
  }

  private void done(long values) {
    done(progress, values);
  }

  /** Reports {@code values} done, unless none are: a listener hears of progress only. */
  static void done(WriteProgress progress, long values) {
    if (values > 0) {
      progress.done(values);
    }
  }

  private void closeMarked() throws SQLException {
    if (closed > 0) {
      progress.expect(closed);
    }
    try (PreparedStatement close = c.prepareStatement(CLOSE_VALUE)) {
      for (int i = 0; i < closed; i++) {
        close.setLong(1, snapshot);
        close.setLong(2, toClose[i]);
        close.addBatch();
        if ((i + 1) % BATCH == 0) {
          close.executeBatch();
          done(BATCH);
        }
      }
      close.executeBatch();
      done(closed % BATCH);
    }
  }

  private int insertMarked() throws SQLException {
    List<Observation> marked = new ArrayList<>(toInsert.cardinality());
    for (int i = toInsert.nextSetBit(0); i >= 0; i = toInsert.nextSetBit(i + 1)) {
      marked.add(sorted[i]); // references only: the values stay shared
    }
    dialect.insertValues(c, source, snapshot, marked, progress);
    return marked.size();
  }

  /**
   * Inserts {@code values} as of {@code snapshot}, {@value #ROWS_PER_INSERT} rows a statement and the rest in a JDBC
   * batch, reporting every {@value #BATCH} values.
   */
  static void insertInBatches(Connection c, String source, long snapshot, List<Observation> values,
      WriteProgress progress) throws SQLException {
    int many = values.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
    int added = 0;
    try (PreparedStatement insert = c.prepareStatement(INSERT_VALUES)) {
      for (int i = 0; i < many; i++) {
        bindValue(insert, i % ROWS_PER_INSERT * 8, source, values.get(i), snapshot);
        if (i % ROWS_PER_INSERT == ROWS_PER_INSERT - 1) {
          insert.executeUpdate();
        }
        if (++added % BATCH == 0) {
          done(progress, BATCH);
        }
      }
    }
    try (PreparedStatement insert = c.prepareStatement(INSERT_VALUE)) {
      for (Observation o : values.subList(many, values.size())) {
        bindValue(insert, 0, source, o, snapshot);
        insert.addBatch();
        if (++added % BATCH == 0) {
          done(progress, BATCH);
        }
      }
      insert.executeBatch();
    }
    done(progress, added % BATCH);
  }

  /** Sets the eight parameters of one row of {@link #INSERT_VALUE} after the first {@code offset}. */
  private static void bindValue(PreparedStatement insert, int offset, String source, Observation o, long snapshot)
      throws SQLException {
    insert.setString(offset + 1, source);
    insert.setString(offset + 2, o.subject());
    insert.setString(offset + 3, o.variant());
    insert.setString(offset + 4, o.key());
    insert.setString(offset + 5, o.value());
    Jdbc.setNullable(insert, offset + 6, o.raw());
    Jdbc.setNullable(insert, offset + 7, o.url());
    insert.setLong(offset + 8, snapshot);
  }

  private void replaceAllDigests() throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM subject_digest WHERE source = ?")) {
      delete.setString(1, source);
      delete.executeUpdate();
    }
    List<Integer> all = new ArrayList<>(subjects.length);
    for (int m = 0; m < subjects.length; m++) {
      all.add(m);
    }
    updateDigests(all, List.of());
  }

  private void updateDigests(List<Integer> changed, List<String> gone) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(UPSERT_DIGEST)) {
      int n = 0;
      for (int m : changed) {
        upsert.setString(1, source);
        upsert.setString(2, subjects[m]);
        upsert.setBytes(3, digests[m]);
        upsert.addBatch();
        if (++n % BATCH == 0) {
          upsert.executeBatch();
        }
      }
      upsert.executeBatch();
    }
    try (PreparedStatement delete = c.prepareStatement(DELETE_DIGEST)) {
      for (String subject : gone) {
        delete.setString(1, source);
        delete.setString(2, subject);
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }
}
