package dev.llmcatalog.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The raw archive: {@code archive_body}, {@code fetch_log} and {@code fetch_url} (SQLite V4, V6). */
final class JdbcArchive implements ArchiveStore {
  private final Session session;

  JdbcArchive(Session session) {
    this.session = session;
  }

  private static final String INSERT_BODY =
      "INSERT INTO archive_body(sha256, bytes, gzip) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING";
  private static final String INSERT_URL = "INSERT INTO fetch_url(url) VALUES (?) ON CONFLICT (url) DO NOTHING";
  private static final String SELECT_URL = "SELECT id FROM fetch_url WHERE url = ?";
  private static final String INSERT_FETCH = """
      INSERT INTO fetch_log(run_id, source, method, url_id, final_url_id, status, etag, content_type, headers,
                            body_sha256, bytes, duration_ms, fetched_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  /** {@inheritDoc} Headers are kept as {@link #storedHeaders} says. */
  @Override
  public void archive(long runId, List<ArchivedFetch> fetches) {
    if (fetches.isEmpty()) {
      return;
    }
    session.inTransaction("archive " + fetches.size() + " fetches", c -> {
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
          log.setString(13, session.now());
          log.addBatch();
        }
        log.executeBatch();
      }
      return null;
    });
  }

  /**
   * The id of {@code url} in fetch_url, added when new; {@code known} spares a look-up for a URL seen before. Looked
   * up before it is inserted: most URLs are known from earlier syncs, and on PostgreSQL an insert that finds the URL
   * there still uses up a sequence value.
   */
  private static long urlId(PreparedStatement insert, PreparedStatement select, Map<String, Long> known, String url)
      throws SQLException {
    Long id = known.get(url);
    if (id == null) {
      id = find(select, url);
      if (id == null) {
        insert.setString(1, url);
        insert.executeUpdate();
        id = find(select, url);
      }
      if (id == null) {
        throw new SQLException("fetch_url lost " + url);
      }
      known.put(url, id);
    }
    return id;
  }

  private static Long find(PreparedStatement select, String url) throws SQLException {
    select.setString(1, url);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private static final String SELECT_NEWEST_FETCH = """
      SELECT l.source, l.method, u.url, coalesce(f.url, u.url), l.status, l.headers, b.sha256, b.bytes, b.gzip,
             l.duration_ms
      FROM fetch_url u
      JOIN fetch_log l ON l.url_id = u.id
      JOIN archive_body b ON b.sha256 = l.body_sha256
      LEFT JOIN fetch_url f ON f.id = l.final_url_id
      WHERE u.url = ? AND l.method = ? ORDER BY l.id DESC LIMIT 1""";

  @Override
  public Optional<ArchivedFetch> findNewestArchived(String method, String url) {
    return session.query("read the archive", SELECT_NEWEST_FETCH, ps -> {
      ps.setString(1, url);
      ps.setString(2, method);
    }, rs -> new ArchivedFetch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
        rs.getString(6), new ArchivedBody(rs.getString(7), rs.getInt(8), rs.getBytes(9)), rs.getLong(10))).stream().findFirst();
  }

  private static final String KEPT_RUNS = "SELECT DISTINCT run_id FROM fetch_log ORDER BY run_id DESC LIMIT ?";
  private static final String DELETE_OLD_FETCHES = "DELETE FROM fetch_log WHERE run_id NOT IN (" + KEPT_RUNS + ")";
  private static final String UNREFERENCED_BODIES =
      "FROM archive_body WHERE NOT EXISTS (SELECT 1 FROM fetch_log l WHERE l.body_sha256 = archive_body.sha256)";
  // NOT IN over one list of the referenced ids (SQLite builds it once) rather than NOT EXISTS per URL: no index
  // leads with final_url_id, and one is not worth its bytes for gc alone.
  private static final String DELETE_UNREFERENCED_URLS = """
      DELETE FROM fetch_url WHERE id NOT IN (
        SELECT url_id FROM fetch_log UNION SELECT final_url_id FROM fetch_log WHERE final_url_id IS NOT NULL)""";

  @Override
  public Pruned gc(int keepRuns) {
    if (keepRuns < 1) {
      throw new IllegalArgumentException("keep at least 1 run: " + keepRuns);
    }
    Pruned pruned = session.inTransaction("prune the archive", c -> {
      int kept;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + KEPT_RUNS + ") AS kept")) {
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
      try {
        session.dialect().compact(session.connection);
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
}
