package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import dev.llmcatalog.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The raw archive's storage (V6): each URL stored once, redirects, the headers kept, gc of URLs, on SQLite and on
 * PostgreSQL; the V5 migration (SQLite's history).
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class RawArchiveStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final String MODEL = "https://huggingface.co/api/models/a/b?expand%5B%5D=sha&expand%5B%5D=downloads";
  private static final String RENAMED = "https://huggingface.co/api/models/c/d?expand%5B%5D=sha&expand%5B%5D=downloads";
  private static final String JSON = "Content-Type: application/json; charset=utf-8\n";

  @Parameter
  TestDatabase.Kind kind;
  @TempDir
  Path dir;
  private TestDatabase db;

  @BeforeEach
  void create() {
    db = TestDatabase.create(kind, dir, "catalog.db");
  }

  private Path file() {
    return dir.resolve("catalog.db");
  }

  private SnapshotStore open() {
    return db.open(Clock.fixed(T0, ZoneOffset.UTC));
  }

  private static ArchivedFetch get(String url, String finalUrl, String headers, String body) {
    return new ArchivedFetch("hub", "GET", url, finalUrl, 200, headers, ArchivedBody.of(body.getBytes(StandardCharsets.UTF_8)), 12);
  }

  private List<List<Object>> rows(String sql) throws Exception {
    return db.rows(sql);
  }

  private long count(String sql) throws Exception {
    return ((Number) rows(sql).get(0).get(0)).longValue();
  }

  private static String body(ArchivedFetch fetch) {
    return new String(fetch.body().bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void repeatedFetchesOfOneUrlStoreItOnceAndTheNewestAnswerIsReplayed() throws Exception {
    try (SnapshotStore store = open()) {
      store.archive(store.beginRun("test"), List.of(get(MODEL, MODEL, JSON, "{\"downloads\":1}")));
      store.archive(store.beginRun("test"), List.of(get(MODEL, MODEL, JSON, "{\"downloads\":2}")));
      store.archive(store.beginRun("test"), List.of(get(MODEL, MODEL, JSON, "{\"downloads\":3}"),
          get(MODEL, MODEL, JSON, "{\"downloads\":4}")));

      assertThat(rows("SELECT id, url FROM fetch_url")).containsExactly(List.of(1L, MODEL));
      assertThat(rows("SELECT run_id, url_id, final_url_id FROM fetch_log ORDER BY id")).containsExactly(
          Arrays.asList(1L, 1L, null), Arrays.asList(2L, 1L, null), Arrays.asList(3L, 1L, null), Arrays.asList(3L, 1L, null));
      ArchivedFetch newest = store.findNewestArchived("GET", MODEL).orElseThrow();
      assertThat(newest.url()).isEqualTo(MODEL);
      assertThat(newest.finalUrl()).isEqualTo(MODEL);
      assertThat(body(newest)).isEqualTo("{\"downloads\":4}");
      assertThat(store.findNewestArchived("HEAD", MODEL)).isEmpty();
      assertThat(store.findNewestArchived("GET", RENAMED)).isEmpty();
    }
  }

  @Test
  void aRedirectKeepsItsFinalUrlWhichSharesTheRowOfTheSameUrlAskedForDirectly() throws Exception {
    try (SnapshotStore store = open()) {
      store.archive(store.beginRun("test"), List.of(get(MODEL, RENAMED, JSON, "{\"id\":\"c/d\"}"),
          get(RENAMED, RENAMED, JSON, "{\"id\":\"c/d\"}")));

      assertThat(rows("SELECT id, url FROM fetch_url ORDER BY id")).containsExactly(List.of(1L, MODEL), List.of(2L, RENAMED));
      assertThat(rows("SELECT url_id, final_url_id FROM fetch_log ORDER BY id"))
          .containsExactly(List.of(1L, 2L), Arrays.asList(2L, null));
      ArchivedFetch redirected = store.findNewestArchived("GET", MODEL).orElseThrow();
      assertThat(redirected.url()).isEqualTo(MODEL);
      assertThat(redirected.finalUrl()).isEqualTo(RENAMED);
      assertThat(body(redirected)).isEqualTo("{\"id\":\"c/d\"}");
      assertThat(store.findNewestArchived("GET", RENAMED).orElseThrow().finalUrl()).isEqualTo(RENAMED);
    }
  }

  @Test
  void dateAndAContentLengthEqualToTheBodySizeAreNotStoredEverythingElseIs() throws Exception {
    String link = "Link: <" + MODEL + "&cursor=2>; rel=\"next\"\n";
    try (SnapshotStore store = open()) {
      store.archive(store.beginRun("test"), List.of(
          get(MODEL, MODEL, "Date: Thu, 26 Nov 2026 10:00:00 GMT\n" + JSON + "content-length: 5\nETag: W/\"7\"\n" + link,
              "[1,2]"),
          get(RENAMED, RENAMED, JSON + "Content-Length: 999\nX-Date: kept\n", "")));

      assertThat(rows("SELECT headers, etag, content_type, bytes FROM fetch_log ORDER BY id")).containsExactly(
          Arrays.asList(JSON + "ETag: W/\"7\"\n" + link, "W/\"7\"", "application/json; charset=utf-8", 5L),
          Arrays.asList(JSON + "Content-Length: 999\nX-Date: kept\n", null, "application/json; charset=utf-8", 0L));
      assertThat(store.findNewestArchived("GET", MODEL).orElseThrow().headers()).isEqualTo(JSON + "ETag: W/\"7\"\n" + link);
    }
  }

  @Test
  void gcDeletesTheUrlsThatNoKeptLogRowReferences() throws Exception {
    String list = "https://huggingface.co/api/models?author=a&expand%5B%5D=sha";
    try (SnapshotStore store = open()) {
      store.archive(store.beginRun("test"), List.of(get(MODEL, RENAMED, JSON, "{\"id\":\"c/d\"}"),
          get(list, list, JSON, "[1]")));
      store.archive(store.beginRun("test"), List.of(get(list, list, JSON, "[2]")));
      assertThat(count("SELECT count(*) FROM fetch_url")).isEqualTo(3);

      SnapshotStore.Pruned pruned = store.gc(1);

      assertThat(pruned).isEqualTo(new SnapshotStore.Pruned(1, 2, 2, 2, pruned.bytesRemoved()));
      assertThat(rows("SELECT url FROM fetch_url")).containsExactly(List.of(list));
      assertThat(store.findNewestArchived("GET", MODEL)).isEmpty();
      assertThat(body(store.findNewestArchived("GET", list).orElseThrow())).isEqualTo("[2]");
      assertThat(store.gc(1)).isEqualTo(new SnapshotStore.Pruned(1, 0, 0, 0, 0));
    }
  }

  @Test
  void aV5ArchiveMigratesLosslesslyAndIsStillReplayed() throws Exception {
    assumeTrue(kind == TestDatabase.Kind.SQLITE, "SQLite's own migration history");
    Flyway.configure().dataSource("jdbc:sqlite:" + file(), null, null).locations("classpath:db/migration")
        .target("5").load().migrate();
    String withDate = "Date: Wed, 25 Nov 2026 10:00:00 GMT\n" + JSON + "Content-Length: 3\n";
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO run(id, started_at, version) VALUES (1, '2026-11-25T10:00:00Z', '0.5'),"
            + " (2, '2026-11-25T11:00:00Z', '0.5')");
      }
      try (PreparedStatement body = c.prepareStatement("INSERT INTO archive_body(sha256, bytes, gzip) VALUES (?, ?, ?)");
          PreparedStatement log = c.prepareStatement("""
              INSERT INTO fetch_log(id, run_id, source, method, url, final_url, status, etag, content_type, headers,
                                    body_sha256, bytes, duration_ms, fetched_at)
              VALUES (?, ?, 'hub', 'GET', ?, ?, 200, NULL, 'application/json; charset=utf-8', ?, ?, 3, ?, ?)""")) {
        Object[][] fetches = {
            {10, 1, MODEL, MODEL, "[1]"},
            {11, 1, RENAMED, RENAMED, "[2]"},
            {20, 2, MODEL, RENAMED, "[3]"},
            {21, 2, RENAMED, RENAMED, "[2]"},
        };
        for (Object[] f : fetches) {
          byte[] bytes = ((String) f[4]).getBytes(StandardCharsets.UTF_8);
          String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
          body.setString(1, sha);
          body.setLong(2, bytes.length);
          body.setBytes(3, gzip(bytes));
          if (count("SELECT count(*) FROM archive_body WHERE sha256 = '" + sha + "'") == 0) {
            body.executeUpdate();
          }
          log.setInt(1, (Integer) f[0]);
          log.setInt(2, (Integer) f[1]);
          log.setString(3, (String) f[2]);
          log.setString(4, (String) f[3]);
          log.setString(5, withDate);
          log.setString(6, sha);
          log.setInt(7, 40 + (Integer) f[0]);
          log.setString(8, "2026-11-25T10:00:" + f[0] + "Z");
          log.executeUpdate();
        }
      }
    }

    try (SnapshotStore store = open()) {
      assertThat(rows("SELECT url FROM fetch_url ORDER BY url")).containsExactly(List.of(MODEL), List.of(RENAMED));
      assertThat(rows("""
          SELECT l.id, l.run_id, l.source, l.method, u.url, f.url, l.status, l.etag, l.content_type, l.headers, l.bytes,
                 l.duration_ms, l.fetched_at
          FROM fetch_log l JOIN fetch_url u ON u.id = l.url_id LEFT JOIN fetch_url f ON f.id = l.final_url_id
          ORDER BY l.id""")).containsExactly(
          row(10, 1, MODEL, null, withDate, 50, "2026-11-25T10:00:10Z"),
          row(11, 1, RENAMED, null, withDate, 51, "2026-11-25T10:00:11Z"),
          row(20, 2, MODEL, RENAMED, withDate, 60, "2026-11-25T10:00:20Z"),
          row(21, 2, RENAMED, null, withDate, 61, "2026-11-25T10:00:21Z"));
      assertThat(store.findNewestArchived("GET", MODEL).orElseThrow())
          .extracting(ArchivedFetch::source, ArchivedFetch::url, ArchivedFetch::finalUrl, ArchivedFetch::status,
              ArchivedFetch::headers, RawArchiveStoreTest::body, ArchivedFetch::durationMillis)
          .containsExactly("hub", MODEL, RENAMED, 200, withDate, "[3]", 60L);
      assertThat(body(store.findNewestArchived("GET", RENAMED).orElseThrow())).isEqualTo("[2]");

      // New answers after the migration are logged beside the old ones, under the same URL rows.
      store.archive(store.beginRun("test"), List.of(get(MODEL, MODEL, JSON, "[4]")));
      assertThat(count("SELECT count(*) FROM fetch_url")).isEqualTo(2);
      assertThat(body(store.findNewestArchived("GET", MODEL).orElseThrow())).isEqualTo("[4]");
      assertThat(store.findNewestArchived("GET", MODEL).orElseThrow().finalUrl()).isEqualTo(MODEL);
    }
  }

  private static List<Object> row(int id, int run, String url, String finalUrl, String headers, int millis,
      String fetchedAt) {
    return Arrays.asList((long) id, (long) run, "hub", "GET", url, finalUrl, 200L, null, "application/json; charset=utf-8",
        headers, 3L, (long) millis, fetchedAt);
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
