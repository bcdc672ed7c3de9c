package dev.llmcatalog.source.mteb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** {@code paths.json} read in its real shape: a recorded excerpt (see the fixture folder's SOURCES.md). */
class ResultsIndexTest {
  private static JsonNode json(String text) throws Exception {
    Fetched fetched = new Fetched("http://x/", "http://x/", 200, Headers.of(), text.getBytes(StandardCharsets.UTF_8));
    return MtebJson.parse(fetched).json();
  }

  private static ResultsIndex real() throws Exception {
    return ResultsIndex.parse(json(Fixtures.text(MtebFixtureHub.DIR + "github/paths_excerpt_0258d02d.json")));
  }

  @Test
  void theRecordedIndexListsEachModelsTaskFilesByRevisionFolder() throws Exception {
    ResultsIndex index = real();

    assertThat(index.size()).isEqualTo(4);
    List<ResultFile> bge = index.filesOf("BAAI/bge-base-zh-v1.5").orElseThrow();
    assertThat(bge).hasSize(35).allSatisfy(f -> assertThat(f.revision()).isEqualTo("no_revision_available"));
    assertThat(bge).contains(new ResultFile("results/BAAI__bge-base-zh-v1.5/no_revision_available/T2Retrieval.json",
        "no_revision_available", "T2Retrieval"));
    assertThat(bge).extracting(ResultFile::path).isSorted();
    assertThat(index.filesOf("infgrad/stella-base-zh-v2").orElseThrow()).hasSize(33)
        .allSatisfy(f -> assertThat(f.revision()).isEqualTo("external"))
        .contains(new ResultFile("results/infgrad__stella-base-zh-v2/external/TNews.json", "external", "TNews"));
  }

  @Test
  void aModelTheIndexDoesNotListHasNoFiles() throws Exception {
    assertThat(real().filesOf("nobody/no-such-model")).isEmpty();
  }

  @Test
  void onlyTaskFilesCountAndAFolderWithoutAnyIsNotListed() throws Exception {
    ResultsIndex index = ResultsIndex.parse(json("{\"a__b\": [\"results/a__b/r1/model_meta.json\","
        + " \"results/a__b/r1/overall_results.json\"], \"c__d\": [], \"e__f\": [\"results/e__f/r1/X.json\","
        + " \"results/e__f/r1/X.json\"]}"));

    assertThat(index.filesOf("a/b")).isEmpty();
    assertThat(index.filesOf("c/d")).isEmpty();
    assertThat(index.filesOf("e/f").orElseThrow()).containsExactly(new ResultFile("results/e__f/r1/X.json", "r1", "X"));
  }

  @Test
  void pathsOfAnotherLayoutFailOnlyForTheModelAskedFor() throws Exception {
    ResultsIndex index = ResultsIndex.parse(json("{\"a__b\": [\"results/a__b/r1/experiments/e1/X.json\"],"
        + " \"c__d\": [\"results/c__d/r1/X.json\"]}"));

    assertThat(index.filesOf("c/d")).isPresent();
    assertThatThrownBy(() -> index.filesOf("a/b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'a__b' lists 'results/a__b/r1/experiments/e1/X.json' (expected results/a__b/<revision>/<Task>.json)");
  }

  @Test
  void anIndexWhoseEntriesAreNotPathsIsRefused() {
    assertThatThrownBy(() -> ResultsIndex.parse(json("{\"a__b\": [1]}"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'a__b' lists a NUMBER, not a path");
  }
}
