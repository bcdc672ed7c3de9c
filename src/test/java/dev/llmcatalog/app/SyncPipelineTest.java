package dev.llmcatalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.config.CatalogConfig;
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
import java.util.function.Supplier;
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
    CatalogConfig config = TestConfigs.load(TestConfigs.shippedIn(dir));
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
      CatalogConfig config = TestConfigs.load(TestConfigs.shippedIn(dir));

      SyncReport report = new SyncPipeline(config, List.of(twice, board(3)), store, Clock.systemUTC(), false,
          new RawArchive()).run();

      assertThat(report.snapshots()).extracting(SnapshotInfo::source, SnapshotInfo::ok)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("hub", false), org.assertj.core.groups.Tuple.tuple("board", true));
      assertThat(report.snapshots().get(0).error()).isEqualTo("hub reported likes of a/b twice");
      assertThat(store.findLatest("hub")).isEmpty();
    }
  }

  private static Source source(String name, Supplier<SourceData> data) {
    return new Source() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public SourceData fetch() {
        return data.get();
      }
    };
  }

  private SnapshotInfo run(SnapshotStore store, Source source) {
    return run(store, source, false);
  }

  private SnapshotInfo run(SnapshotStore store, Source source, boolean acceptShrink) {
    CatalogConfig config = TestConfigs.load(TestConfigs.shippedIn(dir));
    return new SyncPipeline(config, List.of(source), store, Clock.systemUTC(), acceptShrink, new RawArchive()).run()
        .snapshots().get(0);
  }

  private static Observation score(String model, String edition, String value, String url) {
    return new Observation(model, edition, "average", value, null, url);
  }

  @Test
  void aPartThatCouldNotBeReadKeepsItsValuesAndMakesTheSnapshotPartial() {
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      SnapshotInfo first = run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "24-02", "50", "https://e.org/24-02"), score("a/x", "24-05", "51", "https://e.org/24-05"),
          score("b/y", "24-05", "40", "https://e.org/24-05")), null)));

      SnapshotInfo partial = run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "24-02", "52", "https://e.org/24-02")), null)
          .keeping(List.of(new SourceData.Kept("24-05", "edition 24-05", "HTTP 503 after 4 attempts")))));

      assertThat(partial.ok()).isTrue();
      assertThat(partial.partial()).isTrue();
      assertThat(partial.warning()).isEqualTo("edition 24-05: HTTP 503 after 4 attempts");
      assertThat(partial.valuesAdded()).isEqualTo(1);
      assertThat(partial.valuesClosed()).isEqualTo(1);
      assertThat(store.loadState(partial)).extracting(o -> o.subject() + " " + o.variant() + " " + o.value())
          .containsExactly("a/x 24-02 52", "a/x 24-05 51", "b/y 24-05 40");
      assertThat(store.loadState(first)).extracting(Observation::value).containsExactly("50", "51", "40");
      assertThat(new SyncReport(List.of(partial)).allOk()).isFalse();
      assertThat(new SyncReport(List.of(partial)).allFailed()).isFalse();
    }
  }

  @Test
  void aListedPartThatIsNoLongerListedKeepsItsValuesUntilTheSyncAcceptsShrinking() {
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      Supplier<SourceData> both = () -> SourceData.of(List.of(
          score("a/x", "24-02", "50", "https://e.org/24-02"), score("a/x", "24-05", "51", "https://e.org/24-05")), null)
          .keepingUnlisted("edition", "no longer listed by POST https://e.org/months");
      Supplier<SourceData> newestOnly = () -> SourceData.of(List.of(
          score("a/x", "24-05", "53", "https://e.org/24-05")), null)
          .keepingUnlisted("edition", "no longer listed by POST https://e.org/months");
      SnapshotInfo first = run(store, source("board", both));
      assertThat(first.partial()).isFalse();

      SnapshotInfo partial = run(store, source("board", newestOnly));

      assertThat(partial.partial()).isTrue();
      assertThat(partial.warning()).isEqualTo("edition 24-02: no longer listed by POST https://e.org/months");
      assertThat(partial.valuesAdded()).isEqualTo(1);
      assertThat(partial.valuesClosed()).isEqualTo(1);
      assertThat(store.loadState(partial)).extracting(o -> o.variant() + " " + o.value()).containsExactly("24-02 50", "24-05 53");

      SnapshotInfo accepted = run(store, source("board", newestOnly), true);

      assertThat(accepted.partial()).isFalse();
      assertThat(accepted.valuesClosed()).isEqualTo(1);
      assertThat(store.loadState(accepted)).extracting(o -> o.variant() + " " + o.value()).containsExactly("24-05 53");
    }
  }

  @Test
  void variantsThatAreNotListedPartsComeAndGoWithTheData() {
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "bf16", "50", "u"), score("a/x", "fp16", "51", "u")), null)));

      SnapshotInfo next = run(store, source("board", () -> SourceData.of(List.of(score("a/x", "fp16", "51", "u")), null)));

      assertThat(next.partial()).isFalse();
      assertThat(next.valuesClosed()).isEqualTo(1);
    }
  }

  @Test
  void aModelWhoseDataVanishedFailsTheSourceOneThatNeverHadAnyDoesNot() {
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      SnapshotInfo good = run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "", "50", "u"), score("b/y", "", "40", "u")), null).withoutData(List.of("c/never"))));
      assertThat(good.ok()).isTrue();

      SnapshotInfo vanished = run(store, source("board", () -> SourceData.of(List.of(score("a/x", "", "50", "u")), null)
          .withoutData(List.of("b/y", "c/never"))));

      assertThat(vanished.ok()).isFalse();
      assertThat(vanished.error()).isEqualTo("rejected: no data any more for b/y (snapshot " + good.id()
          + " had some): the upstream may have moved or pruned it; rerun with `sync --accept-shrink` to accept");
      assertThat(store.findLatest("board")).contains(good);
    }
  }

  @Test
  void aModelNamedWithoutDataThatKeepsValuesFromAnotherPartVanishedOnlyIfAValueIsGone() {
    // As MTEB: a model card ("card") beside a results folder ("rev"); the source names the model when the folder is gone.
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      SnapshotInfo good = run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "card", "50", "u"), score("a/x", "rev", "51", "u"), score("b/y", "card", "40", "u")), null)
          .withoutData(List.of("b/y"))));
      assertThat(good.ok()).as("b/y never had a results folder: its card values alone pass").isTrue();

      SnapshotInfo again = run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "card", "50", "u"), score("a/x", "rev", "51", "u"), score("b/y", "card", "41", "u")), null)
          .withoutData(List.of("b/y"))));
      assertThat(again.ok()).isTrue();

      SnapshotInfo vanished = run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "card", "50", "u"), score("b/y", "card", "41", "u")), null)
          .withoutData(List.of("a/x", "b/y"))));

      assertThat(vanished.ok()).isFalse();
      assertThat(vanished.error()).isEqualTo("rejected: no data any more for a/x (snapshot " + again.id()
          + " had some): the upstream may have moved or pruned it; rerun with `sync --accept-shrink` to accept");
      assertThat(store.findLatest("board")).contains(again);
    }
  }

  @Test
  void theSameValuesReadFromAnotherUrlAreNotChanged() {
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("c.db"), Clock.systemUTC())) {
      SnapshotInfo first = run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "", "50", "https://huggingface.co/x"), score("b/y", "", "40", "https://huggingface.co/y")), null)));

      SnapshotInfo mirrored = run(store, source("board", () -> SourceData.of(List.of(
          score("a/x", "", "50", "https://hf-mirror.com/x"), score("b/y", "", "41", "https://hf-mirror.com/y")), null)));

      assertThat(mirrored.valuesAdded()).isEqualTo(1);
      assertThat(mirrored.valuesClosed()).isEqualTo(1);
      assertThat(store.loadState(mirrored)).extracting(o -> o.value() + " " + o.url())
          .containsExactly("50 https://huggingface.co/x", "41 https://hf-mirror.com/y");
      assertThat(store.loadState(first)).extracting(Observation::value).containsExactly("50", "40");
    }
  }
}
