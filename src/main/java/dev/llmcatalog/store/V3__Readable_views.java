package dev.llmcatalog.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * PostgreSQL's V3: the readable views of SQLite's V10 (latest_snapshot, latest_model, latest_score, score_history,
 * latest_value, value_history), created from that very file so that both databases have one definition of them. Its
 * one SQLite-only part, the {@code GLOB} test of whether a value is a plain decimal, becomes the regular expression
 * {@code ^-?[0-9]+(\.[0-9]+)?$}, which accepts the same values; the rest is SQL both speak.
 */
final class V3__Readable_views extends BaseJavaMigration {
  private static final String SQLITE_VIEWS = "/db/migration/V10__readable_views.sql";
  private static final Pattern NUMBER_TEST = Pattern.compile("CASE WHEN o\\.value GLOB .*?(?=\\s+THEN )", Pattern.DOTALL);
  private static final String POSTGRESQL_NUMBER_TEST = "CASE WHEN o.value ~ '^-?[0-9]+(\\.[0-9]+)?$'";

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement s = context.getConnection().createStatement()) {
      s.execute(sql());
    }
  }

  /** The views' SQL for PostgreSQL, checksummed as Flyway does a SQL migration's text. */
  @Override
  public Integer getChecksum() {
    return sql().hashCode();
  }

  static String sql() {
    String sqlite;
    try (InputStream in = V3__Readable_views.class.getResourceAsStream(SQLITE_VIEWS)) {
      if (in == null) {
        throw new IllegalStateException(SQLITE_VIEWS + " is not on the class path");
      }
      sqlite = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = NUMBER_TEST.matcher(sqlite);
    if (!m.find()) {
      throw new IllegalStateException(SQLITE_VIEWS + " has no GLOB number test to translate");
    }
    return m.replaceFirst(Matcher.quoteReplacement(POSTGRESQL_NUMBER_TEST));
  }
}
