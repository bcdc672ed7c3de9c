package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What sources learned (SQLite V13, PostgreSQL V5) on both stores: kept per source, a newer fact replaces its key. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class MemoryStoreTest {
  @Parameter
  TestDatabase.Kind kind;
  @TempDir
  Path dir;

  @Test
  void factsArePerSourceAndANewerFactReplacesOnlyItsKey() throws Exception {
    TestDatabase db = TestDatabase.create(kind, dir, "catalog.db");
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    try (SnapshotStore store = db.open(clock)) {
      assertThat(store.memory().load("hub")).isEmpty();
      store.memory().remember("hub", Map.of("author:Qwen", "present 2", "author:TheBloke", "present 3"));
      store.memory().remember("other", Map.of("author:Qwen", "elsewhere"));
      store.memory().remember("hub", Map.of("author:Qwen", "one-page 2"));
      store.memory().remember("hub", Map.of());
    }
    try (SnapshotStore store = db.open(clock)) { // kept across runs
      assertThat(store.memory().load("hub")).containsExactly(
          Map.entry("author:Qwen", "one-page 2"), Map.entry("author:TheBloke", "present 3"));
      assertThat(store.memory().load("other")).containsExactly(Map.entry("author:Qwen", "elsewhere"));
    }
  }
}
