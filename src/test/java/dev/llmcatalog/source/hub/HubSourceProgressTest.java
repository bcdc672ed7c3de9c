package dev.llmcatalog.source.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.progress.SourceProgress;
import dev.llmcatalog.source.SourceMemory;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 7 item 5: the Hub source reports its total up front and each listed model and group item as done. */
class HubSourceProgressTest {
  @TempDir
  Path dir;
  private final MockWebServer hub = LocalServers.mockWebServer();
  private final List<String> events = new ArrayList<>();
  private final SourceProgress recorder = new SourceProgress() {
    @Override
    public synchronized void expect(long models) {
      events.add("expect " + models);
    }

    @Override
    public synchronized void done(long models) {
      events.add("done " + models);
    }
  };

  @BeforeEach
  void start() throws Exception {
    hub.start();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void theTotalIsTheListedModelsPlusEachGroupsLimitAndShrinksWhenAGroupEndsEarly() throws Exception {
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String body = path.equals("/api/models")
            ? "[{\"id\":\"o/g1\"},{\"id\":\"o/g2\"},{\"id\":\"o/g3\"},{\"id\":\"o/g4\"}]" // 4 of a limit of 10, no next page
            : "{\"id\":\"" + path.substring("/api/models/".length()) + "\"}";
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
      }
    });
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, "front_matter:\n  title: T\nfetch:\n  parallelism: 3\ngroups:\n"
        + "  - id: llm\n    title: LLM\n    models: [a/one, b/two, c/three]\n"
        + "  - id: top\n    title: Top\n    top:\n      author: o\n      limit: 10\n");
    String endpoint = hub.url("/").toString();
    HubSource source = new HubSource(TestConfigs.load(file),
        new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of(endpoint))), endpoint,
        SourceMemory.NONE);

    source.fetch(recorder);

    // the total comes first; then 3 listed and 4 group models, and the group's shortfall once it ended
    // (listed models may still arrive after that: their order against the group's is not fixed)
    assertThat(events.get(0)).isEqualTo("expect 13");
    assertThat(events.subList(1, events.size())).containsExactlyInAnyOrder("done 1", "done 1", "done 1", "done 1",
        "done 1", "done 1", "done 1", "expect -6");
  }
}
