package dev.llmcatalog.store;

import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sources' memory (table {@code source_memory}, SQLite V13, PostgreSQL V5) in SQL both databases speak: an upsert
 * ({@code ON CONFLICT ... DO UPDATE}), so that two runs recording the same fact at once both succeed.
 */
final class JdbcMemory implements MemoryStore {
  private final Session session;

  JdbcMemory(Session session) {
    this.session = session;
  }

  @Override
  public Map<String, String> load(String source) {
    Map<String, String> facts = new LinkedHashMap<>();
    session.query("read what " + source + " learned", "SELECT key, value FROM source_memory WHERE source = ? ORDER BY key",
        ps -> ps.setString(1, source), rs -> facts.put(rs.getString(1), rs.getString(2)));
    return facts;
  }

  private static final String UPSERT = """
      INSERT INTO source_memory(source, key, value) VALUES (?, ?, ?)
      ON CONFLICT (source, key) DO UPDATE SET value = excluded.value""";

  @Override
  public void remember(String source, Map<String, String> facts) {
    if (facts.isEmpty()) {
      return;
    }
    session.inTransaction("record what " + source + " learned", c -> {
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        for (Map.Entry<String, String> fact : new TreeMap<>(facts).entrySet()) { // a fixed order: no deadlock between runs
          ps.setString(1, source);
          ps.setString(2, fact.getKey());
          ps.setString(3, fact.getValue());
          ps.addBatch();
        }
        return ps.executeBatch().length;
      }
    });
  }
}
