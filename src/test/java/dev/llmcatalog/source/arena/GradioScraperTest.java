package dev.llmcatalog.source.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.testsupport.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradioScraperTest {
  private static final String URL = "https://example.hf.space/";
  private static final List<GradioScraper.Header> ARENA = ArenaParser.GRADIO_HEADERS;

  private static String page(String config) {
    return "<!doctype html><html><head><script>window.__gradio_mode__ = \"app\";</script>\n"
        + "<script>window.gradio_config = " + config + ";</script></head><body><gradio-app></gradio-app></body></html>";
  }

  @Test
  void readsTheSyntheticArenaPage() throws Exception {
    String html = Fixtures.text("leaderboards/arena/SYNTHETIC_gradio_chatbot-arena-leaderboard_2024-06-19.html");

    GradioTable table = GradioScraper.parseTable(html, URL, ARENA);

    // The first dataframe (Gradio 3 shape) lacks Organization and License; the second (props.headers) is taken.
    assertThat(table.headers()).containsExactly(
        "Rank* (UB)", "Model", "Arena Elo", "95% CI", "Votes", "Organization", "License", "Knowledge Cutoff");
    assertThat(table.rows()).hasSize(37);
    List<String> first = table.rows().get(0);
    assertThat(first.get(0)).isEqualTo("1");
    assertThat(first.get(1)).startsWith("<a target=\"_blank\" href=\"https://openai.com/index/hello-gpt-4o/\"")
        .endsWith(">GPT-4o-2024-05-13</a>");
    assertThat(GradioTable.text(first.get(1))).isEqualTo("GPT-4o-2024-05-13");
    assertThat(first.subList(2, 8)).containsExactly("1287", "+3/-3", "42046", "OpenAI", "Proprietary", "2023/10");
    assertThat(table.url()).isEqualTo(URL);
  }

  @Test
  void gradio3ValueWithHeadersAndData() throws Exception {
    String html = page("{\"components\":[{\"id\":1,\"type\":\"dataframe\",\"props\":{\"value\":"
        + "{\"headers\":[\"Model\",\"Arena Score\",\"Organization\",\"License\"],\"data\":[[\"m\",1301.5,\"O\",\"MIT\"]]}}}]}");

    GradioTable table = GradioScraper.parseTable(html, URL, ARENA);

    assertThat(table.rows()).containsExactly(List.of("m", "1301.5", "O", "MIT"));
  }

  @Test
  void gradio4PropsHeadersWithValueData() throws Exception {
    String html = page("{\"components\":[{\"id\":1,\"type\":\"dataframe\",\"props\":{\"headers\":"
        + "[\"Model\",\"Arena Elo\",\"Organization\",\"License\"],\"value\":{\"data\":[[\"m\",1250,null,\"-\"]],\"metadata\":null}}}]}");

    GradioTable table = GradioScraper.parseTable(html, URL, ARENA);

    assertThat(table.rows()).containsExactly(List.of("m", "1250", "", "-"));
  }

  @Test
  void numbersKeepTheirExactText() throws Exception {
    String html = page("{\"components\":[{\"props\":{\"value\":{\"headers\":[\"Model\",\"Arena Elo\",\"Organization\",\"License\"],"
        + "\"data\":[[\"m\",1486.6027120272704,\"O\",\"L\"],[\"n\",1200.50,\"O\",\"L\"]]}}}]}");

    GradioTable table = GradioScraper.parseTable(html, URL, ARENA);

    assertThat(table.rows().get(0).get(1)).isEqualTo("1486.6027120272704");
    assertThat(table.rows().get(1).get(1)).isEqualTo("1200.50");
  }

  @Test
  void stringsMayHoldBracesSemicolonsEscapedQuotesAndEscapedClosingTags() throws Exception {
    // Gradio writes "</" as "<\/" inside its script; a brace or ";" inside a string must not end the object.
    String html = page("{\"components\":[{\"props\":{\"value\":\"}; window.x = {\\\"y\\\": 1};<\\/script>\"}},"
        + "{\"props\":{\"value\":{\"headers\":[\"Model\",\"Arena Elo\",\"Organization\",\"License\"],"
        + "\"data\":[[\"<a href=\\\"u\\\">m }{ ;<\\/a>\",1,\"O\",\"L\"]]}}}]}");

    GradioTable table = GradioScraper.parseTable(html, URL, ARENA);

    assertThat(table.rows().get(0).get(0)).isEqualTo("<a href=\"u\">m }{ ;</a>");
    assertThat(GradioTable.text(table.rows().get(0).get(0))).isEqualTo("m }{ ;");
  }

  @Test
  void endOfObjectRespectsStrings() {
    String code = "x = {\"a\":\"}\\\"{\",\"b\":[{}]}; y = {}";
    int start = code.indexOf('{');
    assertThat(code.substring(start, GradioScraper.endOfObject(code, start))).isEqualTo("{\"a\":\"}\\\"{\",\"b\":[{}]}");
    assertThat(GradioScraper.endOfObject("{\"a\":[1,2}", 0)).isEqualTo(-1);
    assertThat(GradioScraper.endOfObject("{\"a\":1", 0)).isEqualTo(-1);
  }

  @Test
  void aPageWithoutGradioConfigFailsLoudly() {
    String html = "<!doctype html><html><head><script src=\"app.js\"></script></head><body>"
        + "<p>window.gradio_config = {} outside a script does not count</p></body></html>";

    assertThatThrownBy(() -> GradioScraper.parseTable(html, URL, ARENA)).isInstanceOf(FetchException.class)
        .hasMessage(URL + ": no <script> sets window.gradio_config (not a Gradio 3/4 page, or its layout changed)");
  }

  @Test
  void malformedConfigFailsLoudly() {
    assertThatThrownBy(() -> GradioScraper.parseTable(page("{\"components\": [}"), URL, ARENA))
        .isInstanceOf(FetchException.class).hasMessageContaining(URL + ": window.gradio_config");
    assertThatThrownBy(() -> GradioScraper.parseTable(page("{\"components\": [], \"x\": tru}"), URL, ARENA))
        .isInstanceOf(FetchException.class).hasMessageStartingWith(URL + ": window.gradio_config is not valid JSON");
    assertThatThrownBy(() -> GradioScraper.parseTable(page("JSON.parse(\"{}\")"), URL, ARENA))
        .isInstanceOf(FetchException.class).hasMessageContaining("not assigned an object literal");
    assertThatThrownBy(() -> GradioScraper.parseTable(page("{\"version\": \"4.0\"}"), URL, ARENA))
        .isInstanceOf(FetchException.class).hasMessageContaining("has no 'components' list");
  }

  @Test
  void noTableWithTheHeadersNamesWhatIsMissing() {
    String html = page("{\"components\":[{\"props\":{\"value\":{\"headers\":[\"Model\",\"Votes\"],\"data\":[]}}},"
        + "{\"props\":{\"headers\":[\"Model\",\"Arena Elo\",\"Organization\"],\"value\":{\"data\":[[\"m\",1,\"O\"]]}}}]}");

    assertThatThrownBy(() -> GradioScraper.parseTable(html, URL, ARENA)).isInstanceOf(FetchException.class)
        .hasMessage(URL + ": no Gradio dataframe has the headers ['Model', 'Arena Elo' or 'Arena Score', 'Organization',"
            + " 'License']; missing 'License' (closest of 2 dataframes has [Model, Arena Elo, Organization])");
  }

  @Test
  void aConfigWithoutAnyDataframeSaysSo() {
    String html = page("{\"components\":[{\"id\":1,\"type\":\"markdown\",\"props\":{\"value\":\"# Arena\"}}]}");

    assertThatThrownBy(() -> GradioScraper.parseTable(html, URL, ARENA)).isInstanceOf(FetchException.class)
        .hasMessageContaining(URL + ": no Gradio dataframe")
        .hasMessageContaining("missing ['Model', 'Arena Elo' or 'Arena Score', 'Organization', 'License'] (the page has no dataframe at all)");
  }
}
