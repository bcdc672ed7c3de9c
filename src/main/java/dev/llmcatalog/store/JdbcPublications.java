package dev.llmcatalog.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Publications (table {@code publication}, SQLite V2). */
final class JdbcPublications implements PublicationStore {
  private final Session session;

  JdbcPublications(Session session) {
    this.session = session;
  }

  @Override
  public Publication publish(String path, String catalog) {
    long id = session.inTransaction("record the publication", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO publication(run_id, published_at, path, catalog) SELECT max(id), ?, ?, ? FROM run HAVING max(id) IS NOT NULL",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, session.now());
        ps.setString(2, path);
        ps.setString(3, catalog);
        if (ps.executeUpdate() == 0) {
          throw new SQLException("nothing to publish: no run yet (run `llm-catalog sync` first)");
        }
        return Session.generatedKey(ps);
      }
    });
    return findPublication().filter(p -> p.id() == id).orElseThrow();
  }

  @Override
  public Optional<Publication> findPublication() {
    return session.query("read the last publication",
        "SELECT id, run_id, published_at, path, catalog FROM publication ORDER BY id DESC LIMIT 1", ps -> {},
        rs -> new Publication(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .stream().findFirst();
  }
}
