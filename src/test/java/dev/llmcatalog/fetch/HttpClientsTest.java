package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.LocalServers;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientsTest {
  private final MockWebServer server = LocalServers.mockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theUserAgentNamesTheToolItsVersionAndTheContactUrlFromTheSettings() throws Exception {
    FetchSettings settings = FetchSettings.defaults().toBuilder().contactUrl("https://example.org/ops").build();
    server.enqueue(new MockResponse.Builder().body("{}").build());

    new Fetcher(HttpClients.create(settings, Optional.empty(), List.of(), Optional.empty()), settings)
        .fetch(new Request.Builder().url(server.url("/")).build());

    assertThat(server.takeRequest().getHeaders().get("User-Agent")).matches("llm-catalog/\\S+ \\(\\+https://example.org/ops\\)");
  }

  @Test
  void thePlainClientMakesOneAttempt() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());

    Fetched fetched = new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of()))
        .fetch(new Request.Builder().url(server.url("/")).build());

    assertThat(fetched.status()).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
