package dev.llmcatalog.source.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatasetViewerClientTest {
  private final MockWebServer server = LocalServers.mockWebServer();
  private DatasetViewerClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = new DatasetViewerClient(new Fetcher(HttpClients.create("t", Optional.empty(), List.of())), server.url("/").toString());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void readsARealRowsAnswer() throws Exception {
    // The spec's example is offset 234 of 25000 rows; served alone it claims more rows than it has.
    String page = Fixtures.text("hf/datasets-server-rows_stanfordnlp--imdb_plain_text_train_offset234_length3.json")
        .replaceAll("\"num_rows_total\":\\s*\\d+", "\"num_rows_total\": 3");
    server.enqueue(json(page));

    DatasetRows rows = client.fetchRows("stanfordnlp/imdb", "plain_text", "train");

    assertThat(rows.columns()).containsExactly("text", "label");
    assertThat(rows.rows()).hasSize(3);
    assertThat(rows.rows().get(0).get("text").asText()).startsWith("Well, you know the rest!");
    assertThat(rows.rows().get(0).get("label").asInt()).isZero();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/rows");
    assertThat(request.getUrl().queryParameter("dataset")).isEqualTo("stanfordnlp/imdb");
    assertThat(request.getUrl().queryParameter("config")).isEqualTo("plain_text");
    assertThat(request.getUrl().queryParameter("split")).isEqualTo("train");
    assertThat(request.getUrl().queryParameter("offset")).isEqualTo("0");
    assertThat(request.getUrl().queryParameter("length")).isEqualTo("100");
  }

  @Test
  void pagesByHundredUntilTheTotal() throws Exception {
    server.enqueue(json(page(0, 100, 150)));
    server.enqueue(json(page(100, 50, 150)));

    DatasetRows rows = client.fetchRows("d", "c", "s");

    assertThat(rows.rows()).hasSize(150);
    assertThat(rows.rows().get(149).get("n").asInt()).isEqualTo(149);
    server.takeRequest();
    assertThat(server.takeRequest().getUrl().queryParameter("offset")).isEqualTo("100");
  }

  @Test
  void fewerRowsThanAnnouncedIsAnError() {
    server.enqueue(json(page(0, 100, 250)));
    server.enqueue(json(page(100, 0, 250)));

    assertThatThrownBy(() -> client.fetchRows("d", "c", "s")).isInstanceOf(FetchException.class)
        .hasMessageContaining("announced 250 rows but served 100");
  }

  @Test
  void errorsCarryCodeAndMessage() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "ResponseNotFound")
        .setHeader("Content-Type", "application/json")
        .body(Fixtures.text("hf/datasets-server-error-404_rows_inexistent-dataset.json")).build());

    assertThatThrownBy(() -> client.fetchRows("d", "c", "s")).isInstanceOf(FetchException.class)
        .hasMessageContaining("HTTP 404 ResponseNotFound: ");
  }

  @Test
  void anAnswerWithoutFeaturesIsRejected() {
    server.enqueue(json("{\"rows\": []}"));
    assertThatThrownBy(() -> client.fetchRows("d", "c", "s")).hasMessageContaining("no 'features'");
  }

  @Test
  void filtersWithTheViewersPredicateAndPagesOverTheMatchingRowsOnly() throws Exception {
    server.enqueue(json(page(0, 100, 120)));
    server.enqueue(json(page(100, 20, 120)));

    DatasetRows rows = client.fetchFiltered("org/d", "c", "latest", DatasetViewerClient.whereEquals("category", "overall"));

    assertThat(rows.rows()).hasSize(120);
    assertThat(rows.total()).isEqualTo(120);
    RecordedRequest first = server.takeRequest();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/filter");
    assertThat(first.getUrl().encodedQuery())
        .isEqualTo("dataset=org%2Fd&config=c&split=latest&where=%22category%22%3D%27overall%27&offset=0&length=100");
    assertThat(rows.url()).isEqualTo(first.getUrl().toString());
    assertThat(server.takeRequest().getUrl().queryParameter("offset")).isEqualTo("100");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void thePredicateQuotesColumnAndValueAsTheViewerWants() {
    assertThat(DatasetViewerClient.whereEquals("category", "overall")).isEqualTo("\"category\"='overall'");
    assertThat(DatasetViewerClient.whereEquals("a\"b", "O'Hara")).isEqualTo("\"a\"\"b\"='O''Hara'");
  }

  @Test
  void aFilteredAnswerThatChangesBetweenPagesIsRefused() {
    server.enqueue(json(page(0, 100, 150)).newBuilder().setHeader("X-Revision", "aaa").build());
    server.enqueue(json(page(100, 50, 150)).newBuilder().setHeader("X-Revision", "bbb").build());
    assertThatThrownBy(() -> client.fetchFiltered("d", "c", "s", "x=1")).isInstanceOf(FetchException.class)
        .hasMessageEndingWith(": the dataset changed while it was read (revision aaa, then bbb)");

    server.enqueue(json(page(0, 100, 150)));
    server.enqueue(json(page(100, 50, 151)));
    assertThatThrownBy(() -> client.fetchFiltered("d", "c", "s", "x=1")).isInstanceOf(FetchException.class)
        .hasMessageEndingWith(": the dataset changed while it was read (150 matching rows, then 151)");

    server.enqueue(json(page(0, 100, 150)));
    server.enqueue(json(page(50, 50, 150)));
    assertThatThrownBy(() -> client.fetchFiltered("d", "c", "s", "x=1")).isInstanceOf(FetchException.class)
        .hasMessageEndingWith(": row 50 served twice (the pages overlap)");
  }

  @Test
  void aFilterOverPartOfTheSplitIsRefused() {
    server.enqueue(json(page(0, 3, 3).replace("\"partial\":false", "\"partial\":true")));

    assertThatThrownBy(() -> client.fetchFiltered("d", "c", "s", "x=1")).isInstanceOf(FetchException.class)
        .hasMessageEndingWith(": the viewer filtered part of the split only (partial: true)");
  }

  static String page(int offset, int count, int total) {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < count; i++) {
      rows.append(i == 0 ? "" : ",").append("{\"row_idx\":").append(offset + i).append(",\"row\":{\"n\":").append(offset + i)
          .append("},\"truncated_cells\":[]}");
    }
    return "{\"features\":[{\"feature_idx\":0,\"name\":\"n\",\"type\":{\"dtype\":\"int64\",\"_type\":\"Value\"}}],\"rows\":["
        + rows + "],\"num_rows_total\":" + total + ",\"num_rows_per_page\":100,\"partial\":false}";
  }
}
