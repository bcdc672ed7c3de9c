package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The notification outbox (SQLite V12, PostgreSQL V4) on both stores: what is recorded comes back whole, tries are
 * counted, and a claim is taken by one run only, until it is released, sent, or its lease ran out.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class NotificationStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(10);

  @Parameter
  TestDatabase.Kind kind;
  @TempDir
  Path dir;
  private TestDatabase db;

  /** A store (a run, a node) on the one database of the test (made by the first call), its clock at {@code now}. */
  private SnapshotStore open(Instant now) {
    if (db == null) {
      db = TestDatabase.create(kind, dir, "catalog.db");
    }
    return db.open(Clock.fixed(now, ZoneOffset.UTC));
  }

  private static NotificationStore.Draft draft(long run, String target, List<String> failed, String summaryPath) {
    return new NotificationStore.Draft(run, target, "changes,failures", 3, failed, "llm-catalog run " + run,
        "# llm-catalog review\n\n- hub: phi-2 license mit → apache-2.0\n", summaryPath);
  }

  @Test
  void aRecordedNotificationComesBackWholeWithItsTriesUntilItIsSent() throws Exception {
    try (SnapshotStore store = open(T0)) {
      long run = store.beginRun("test");
      NotificationStore outbox = store.notifications();
      long team = outbox.enqueue(draft(run, "team", List.of("hub", "aider"), "/data/summary.md"));
      long mail = outbox.enqueue(draft(run, "mail", List.of(), null));

      outbox.markFailed(team, "HTTP 500 from hooks.example.org");
      outbox.markSent(mail);

      assertThat(outbox.loadUnsent()).containsExactly(new NotificationStore.Unsent(team, "2026-11-26T10:00:00Z", 1,
          "HTTP 500 from hooks.example.org", draft(run, "team", List.of("hub", "aider"), "/data/summary.md")));
      assertThat(db.rows("SELECT id, attempts, last_try_at, sent_at, claimed_until FROM notification ORDER BY id"))
          .containsExactly(Arrays.asList(team, 1L, "2026-11-26T10:00:00Z", null, null),
              Arrays.asList(mail, 1L, "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z", null));
    }
  }

  @Test
  void aClaimIsOneRunsUntilReleasedSentOrItsLeaseRanOut() throws Exception {
    try (SnapshotStore first = open(T0); SnapshotStore second = open(T0.plusSeconds(1));
        SnapshotStore later = open(T0.plus(LEASE).plusSeconds(60))) {
      long run = first.beginRun("test");
      long id = first.notifications().enqueue(draft(run, "team", List.of(), null));

      assertThat(first.notifications().claim(id, LEASE)).isTrue();
      assertThat(second.notifications().claim(id, LEASE)).as("held by the first run").isFalse();
      assertThat(db.rows("SELECT claimed_until FROM notification")).containsExactly(List.of("2026-11-26T10:10:00.000Z"));

      first.notifications().release(id);
      assertThat(second.notifications().claim(id, LEASE)).as("given back").isTrue();
      assertThat(first.notifications().claim(id, LEASE)).isFalse();
      assertThat(later.notifications().claim(id, LEASE)).as("the second run's lease ran out: it died").isTrue();

      later.notifications().markSent(id);
      assertThat(first.notifications().claim(id, LEASE)).as("sent").isFalse();
      assertThat(later.notifications().claim(id, LEASE)).isFalse();
      assertThat(first.notifications().loadUnsent()).isEmpty();
    }
  }

  /** Two nodes (two stores on one database) claim the same entries at the same moment: each goes to one of them. */
  @Test
  void ofRunsClaimingAtOnceEachEntryGoesToExactlyOne() throws Exception {
    int entries = 20;
    List<Long> ids = new ArrayList<>();
    try (SnapshotStore store = open(T0)) {
      long run = store.beginRun("test");
      for (int i = 0; i < entries; i++) {
        ids.add(store.notifications().enqueue(draft(run, "team", List.of(), null)));
      }
    }
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try (SnapshotStore a = open(T0); SnapshotStore b = open(T0)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Long>>> claimed = new ArrayList<>();
      for (SnapshotStore node : List.of(a, b)) {
        Callable<List<Long>> claimAll = () -> {
          start.await();
          List<Long> mine = new ArrayList<>();
          for (long id : ids) {
            if (node.notifications().claim(id, LEASE)) {
              mine.add(id);
            }
          }
          return mine;
        };
        claimed.add(nodes.submit(claimAll));
      }
      start.countDown();
      List<Long> all = new ArrayList<>(claimed.get(0).get());
      all.addAll(claimed.get(1).get());

      assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
    } finally {
      nodes.shutdownNow();
    }
  }
}
