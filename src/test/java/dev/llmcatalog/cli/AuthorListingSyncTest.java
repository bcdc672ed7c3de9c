package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17 on the shipped config: the first sync asks every listed Hub model by model-info; the next one reads the
 * listed models of each author of several from one listing of that author, and stores exactly the same state.
 */
class AuthorListingSyncTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();

  /** The Hub requests of a sync, by kind: author listings and model-info requests (the listed models' own). */
  private Map<String, Long> hubRequests() throws InterruptedException {
    List<RecordedRequest> requests = cli.requests();
    return requests.stream().filter(r -> r.getUrl().encodedPath().startsWith("/api/models")
            && !r.getUrl().queryParameterValues("expand").equals(List.of("model-index"))) // MTEB's own requests
        .collect(Collectors.groupingBy(r -> r.getUrl().encodedPath().equals("/api/models")
            ? "list " + r.getUrl().queryParameter("author") : "model-info", TreeMap::new, Collectors.counting()));
  }

  @Test
  void theRepeatSyncListsAuthorsOfSeveralModelsInsteadOfAskingEachAndStoresTheSameState() throws Exception {
    assertThat(cli.run("sync", "--source", "hub").exitCode()).isZero();
    Map<String, Long> first = hubRequests();
    assertThat(first).doesNotContainKeys("list Qwen", "list deepseek-ai", "list baichuan-inc");
    assertThat(cli.database().rows("SELECT key, value FROM source_memory WHERE source = 'hub' ORDER BY key"))
        .contains(List.of("author:Qwen", "present 2"), List.of("author:deepseek-ai", "present 3"));

    CliRunner.Result repeat = cli.run("sync", "--source", "hub");
    assertThat(repeat.exitCode()).as(repeat.err()).isZero();
    assertThat(repeat.out()).contains("hub: ok").contains("0 values added, 0 closed");
    Map<String, Long> second = hubRequests();
    assertThat(second).containsEntry("list Qwen", 1L).containsEntry("list deepseek-ai", 1L);
    long listings = second.entrySet().stream().filter(e -> e.getKey().startsWith("list ") && !e.getKey().equals("list TheBloke"))
        .mapToLong(Map.Entry::getValue).sum();
    long saved = first.get("model-info") - second.get("model-info");
    assertThat(saved).as("model-info requests saved").isGreaterThan(listings);
    assertThat(cli.database().rows("SELECT key, value FROM source_memory WHERE source = 'hub' ORDER BY key"))
        .contains(List.of("author:Qwen", "one-page 2"), List.of("author:deepseek-ai", "one-page 3"));

    try (SnapshotStore store = cli.database().open(CliHarness.CLOCK)) {
      List<SnapshotInfo> hub = store.listSnapshots().stream().filter(s -> s.source().equals("hub") && s.ok()).toList();
      assertThat(hub).hasSize(2);
      assertThat(store.loadState(hub.get(1))).isEqualTo(store.loadState(hub.get(0)));
    }
  }

  @Test
  void anOfflineReplayAsksWhatTheLastSyncAskedSoEveryAnswerIsInTheArchive() throws Exception {
    assertThat(cli.run("sync", "--source", "hub").exitCode()).isZero();
    CliRunner.Result afterFirst = cli.run("sync", "--offline", "--source", "hub");
    assertThat(afterFirst.exitCode()).as(afterFirst.out() + afterFirst.err()).isZero();
    assertThat(cli.database().rows("SELECT value FROM source_memory WHERE key = 'author:Qwen'"))
        .as("a replay learns nothing").containsExactly(List.of("present 2"));

    assertThat(cli.run("sync", "--source", "hub").exitCode()).isZero(); // lists Qwen
    CliRunner.Result afterRepeat = cli.run("sync", "--offline", "--source", "hub");
    assertThat(afterRepeat.exitCode()).as(afterRepeat.out() + afterRepeat.err()).isZero();
    assertThat(afterRepeat.out()).contains("0 values added, 0 closed");
  }
}
