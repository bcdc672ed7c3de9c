package dev.llmcatalog.source.openllm;

import static dev.llmcatalog.source.openllm.RowsPages.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both boards are registered under their names and read the dataset viewer the configuration points at. */
class OpenLlmSourcesTest {
  @TempDir
  Path dir;

  @Test
  void theRegistryBuildsBothBoardsOnTheConfiguredDatasetViewer() throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, """
        front_matter:
          title: t
        groups:
          - id: llm
            title: LLM
            models: [01-ai/Yi-34B-Chat]
        sources: [openllm-v2, openllm-v1]
        """);
    CatalogConfig config = TestConfigs.load(file);
    try (MockWebServer server = LocalServers.mockWebServer()) {
      server.start();
      Environment env = new Environment(Map.of("LLM_CATALOG_DATASETS_SERVER", server.url("/").toString()));

      List<Source> sources = Sources.create(config, env, new Fetcher(HttpClients.create("t", Optional.empty(), List.of())));

      assertThat(sources).extracting(Source::name).containsExactly("openllm-v2", "openllm-v1");
      assertThat(sources.get(0)).isInstanceOf(OpenLlmSource.class);
      assertThat(sources.get(1)).isInstanceOf(OpenLlmSource.class);
      server.enqueue(json(Fixtures.text(OpenLlmV1SourceTest.SEED)));
      SourceData data = sources.get(1).fetch();
      assertThat(server.takeRequest().getUrl().queryParameter("dataset")).isEqualTo("open-llm-leaderboard-old/contents");
      assertThat(data.subjects()).isEqualTo(11);
    }
  }
}
