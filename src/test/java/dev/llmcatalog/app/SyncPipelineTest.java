package dev.llmcatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigLoader;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validate, then accept: what the pipeline rejects before a snapshot is written (issue 6). */
class SyncPipelineTest {
  @TempDir
  Path dir;

  /** A source answering with {@code models} models of one value each. */
  private static Source board(int models) {
    return new Source() {
      @Override
      public String name() {
        return "board";
      }

      @Override
      public SourceData fetch() {
        List<Observation> rows = new ArrayList<>();
        for (int i = 0; i < models; i++) {
          rows.add(new Observation("org/model-" + i, "score", String.valueOf(i), "https://example.org/board"));
        }
        return SourceData.of(rows, null);
      }
    };
  }

  private SnapshotInfo sync(SnapshotStore store, int models, boolean acceptShrink) {
    CatalogConfig config = ConfigLoader.load(TestConfigs.shippedIn(dir));
    SyncReport report = new SyncPipeline(config, List.of(board(models)), store, Clock.systemUTC(), acceptShrink, new RawArchive()).run();
    return report.snapshots().get(0);
  }

  @Test
  void anEmptyResultIsRejectedEvenOnTheFirstSyncUnlessAccepted() {
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      SnapshotInfo rejected = sync(store, 0, false);

      assertThat(rejected.ok()).isFalse();
      assertThat(rejected.error())
          .isEqualTo("rejected: the fetch returned no values (0 models); rerun with `sync --accept-shrink` to accept");
      assertThat(store.findLatest("board")).isEmpty();
      assertThat(sync(store, 0, true).ok()).isTrue();
    }
  }

  @Test
  void anEmptyResultAfterGoodDataKeepsTheData() {
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      SnapshotInfo good = sync(store, 4, false);

      SnapshotInfo rejected = sync(store, 0, false);

      assertThat(rejected.ok()).isFalse();
      assertThat(store.findLatest("board")).contains(good);
      assertThat(store.loadState(good)).hasSize(4);
    }
  }

  @Test
  void aCollapseIsBelowHalfThePreviousModelsByDefault() {
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      sync(store, 10, false);

      assertThat(sync(store, 5, false).ok()).as("5 of 10 is exactly half: kept").isTrue();
      SnapshotInfo collapsed = sync(store, 2, false);

      assertThat(collapsed.ok()).isFalse();
      assertThat(collapsed.error()).startsWith("rejected: 2 models against 5 in snapshot 2 (more than 50% fewer");
      assertThat(store.findLatest("board").orElseThrow().id()).isEqualTo(2);
    }
  }

  @Test
  void aHubStateHoldingAKeyTwiceFailsThatSourceOnlyAndTheRunGoesOn() {
    Source twice = new Source() {
      @Override
      public String name() {
        return "hub";
      }

      @Override
      public boolean subjectsAreHubIds() {
        return true; // so the store, not the resolver, meets the duplicate
      }

      @Override
      public SourceData fetch() {
        return SourceData.of(List.of(new Observation("a/b", "likes", "1", "u"), new Observation("a/b", "likes", "2", "u")),
            null);
      }
    };
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      CatalogConfig config = ConfigLoader.load(TestConfigs.shippedIn(dir));

      SyncReport report = new SyncPipeline(config, List.of(twice, board(3)), store, Clock.systemUTC(), false,
          new RawArchive()).run();

      assertThat(report.snapshots()).extracting(SnapshotInfo::source, SnapshotInfo::ok)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("hub", false), org.assertj.core.groups.Tuple.tuple("board", true));
      assertThat(report.snapshots().get(0).error()).isEqualTo("hub reported likes of a/b twice");
      assertThat(store.findLatest("hub")).isEmpty();
    }
  }
}
