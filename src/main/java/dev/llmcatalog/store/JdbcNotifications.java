package dev.llmcatalog.store;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The notification outbox (table {@code notification}, SQLite V12, PostgreSQL V4) in SQL both databases speak. Claims
 * compare times as text, so they are written at a fixed width ({@link #CLAIM_TIME}), which orders as time does.
 */
final class JdbcNotifications implements NotificationStore {
  private final Session session;

  JdbcNotifications(Session session) {
    this.session = session;
  }

  private static final String INSERT = """
      INSERT INTO notification(run_id, target, created_at, events, changes, failed, subject, body, summary_path)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  @Override
  public long enqueue(Draft d) {
    return session.inTransaction("record a notification for " + d.target(), c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
        ps.setLong(1, d.runId());
        ps.setString(2, d.target());
        ps.setString(3, session.now());
        ps.setString(4, d.events());
        ps.setLong(5, d.changes());
        ps.setString(6, String.join(",", d.failed()));
        ps.setString(7, d.subject());
        ps.setString(8, d.body());
        Jdbc.setNullable(ps, 9, d.summaryPath());
        ps.executeUpdate();
        return Session.generatedKey(ps);
      }
    });
  }

  private static final String UNSENT = """
      SELECT id, created_at, attempts, last_error, run_id, target, events, changes, failed, subject, body, summary_path
      FROM notification WHERE sent_at IS NULL ORDER BY id""";

  @Override
  public List<Unsent> loadUnsent() {
    return session.query("read the unsent notifications", UNSENT, ps -> {}, rs -> {
      String failed = rs.getString(9);
      Draft draft = new Draft(rs.getLong(5), rs.getString(6), rs.getString(7), rs.getLong(8),
          failed.isEmpty() ? List.of() : Arrays.asList(failed.split(",")), rs.getString(10), rs.getString(11),
          rs.getString(12));
      return new Unsent(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), draft);
    });
  }

  private static final DateTimeFormatter CLAIM_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Override
  public boolean claim(long id, Duration lease) {
    return session.inTransaction("claim notification " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET claimed_until = ? WHERE id = ?"
          + " AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)")) {
        Instant now = session.instant();
        ps.setString(1, CLAIM_TIME.format(now.plus(lease)));
        ps.setLong(2, id);
        ps.setString(3, CLAIM_TIME.format(now));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void release(long id) {
    session.inTransaction("release notification " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET claimed_until = NULL WHERE id = ?")) {
        ps.setLong(1, id);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void markSent(long id) {
    session.inTransaction("mark notification " + id + " sent", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE notification SET sent_at = ?, last_try_at = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ?")) {
        String now = session.now();
        ps.setString(1, now);
        ps.setString(2, now);
        ps.setLong(3, id);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void markFailed(long id, String error) {
    session.inTransaction("record a failed try of notification " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE notification SET last_error = ?, last_try_at = ?, attempts = attempts + 1 WHERE id = ?")) {
        ps.setString(1, error);
        ps.setString(2, session.now());
        ps.setLong(3, id);
        return ps.executeUpdate();
      }
    });
  }
}
