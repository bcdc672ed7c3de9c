package dev.llmcatalog.source.arena;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a table from a Gradio Space's page without running its JavaScript: Gradio 3 and 4 embed the whole
 * app state in a {@code <script>} that sets {@code window.gradio_config = {...};}, and dataframe
 * components carry their headers and rows there. Layouts change without notice, so anything unexpected
 * fails with the page's URL and what was missing instead of returning a wrong table.
 */
final class GradioScraper {
  private static final Pattern ASSIGNMENT = Pattern.compile("window\\.gradio_config\\s*=\\s*");

  private GradioScraper() {}

  /**
   * One column the caller needs, known under any of several header texts (boards rename columns, e.g.
   * {@code Arena Elo} became {@code Arena Score}).
   */
  record Header(List<String> names) {
    Header {
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("a header needs at least one name");
      }
    }

    static Header of(String... names) {
      return new Header(List.of(names));
    }

    boolean in(List<String> headers) {
      return names.stream().anyMatch(headers::contains);
    }

    @Override
    public String toString() {
      return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or "));
    }
  }

  /**
   * The first dataframe of the page whose headers include every {@code required} header.
   *
   * @param url the page's URL, for messages and for {@link GradioTable#url()}
   * @throws FetchException when the page has no {@code gradio_config} script, its JSON is malformed, or
   *     no dataframe has the required headers (the message lists the missing ones)
   */
  static GradioTable parseTable(String html, String url, List<Header> required) throws FetchException {
    JsonNode config = parseConfig(html, url);
    JsonNode components = config.path("components");
    if (!components.isArray()) {
      throw new FetchException(url, 200, url + ": window.gradio_config has no 'components' list (layout changed?)");
    }
    List<GradioTable> tables = new ArrayList<>();
    for (JsonNode component : components) {
      Optional<GradioTable> table = dataframe(component, url);
      if (table.isPresent()) {
        if (required.stream().allMatch(h -> h.in(table.get().headers()))) {
          return table.get();
        }
        tables.add(table.get());
      }
    }
    throw new FetchException(url, 200, url + ": no Gradio dataframe has the headers " + required + "; " + closest(tables, required));
  }

  /** The JSON object assigned to {@code window.gradio_config}. */
  static JsonNode parseConfig(String html, String url) throws FetchException {
    Document page = Jsoup.parse(html, url);
    for (Element script : page.select("script")) {
      String code = script.data();
      Matcher m = ASSIGNMENT.matcher(code);
      if (!m.find()) {
        continue;
      }
      int start = m.end();
      if (start >= code.length() || code.charAt(start) != '{') {
        throw new FetchException(url, 200, url + ": window.gradio_config is not assigned an object literal");
      }
      int end = endOfObject(code, start);
      if (end < 0) {
        throw new FetchException(url, 200, url + ": window.gradio_config's object has no matching closing brace (cut short or malformed)");
      }
      try {
        return ArenaParser.JSON.readTree(code.substring(start, end));
      } catch (JsonProcessingException e) {
        throw new FetchException(url, 200, url + ": window.gradio_config is not valid JSON (" + e.getOriginalMessage() + ")");
      }
    }
    throw new FetchException(url, 200, url + ": no <script> sets window.gradio_config (not a Gradio 3/4 page, or its layout changed)");
  }

  /**
   * The index just past the brace closing the object that opens at {@code start}, or -1. Braces inside
   * JSON strings do not count, so text such as {@code "a;b}"} cannot end the object early.
   */
  static int endOfObject(String code, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < code.length(); i++) {
      char c = code.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++; // skip the escaped character, which may be a quote
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return c == '}' ? i + 1 : -1;
        }
      }
    }
    return -1;
  }

  /**
   * A component's table, if it is one. Gradio 3 keeps headers and rows in {@code props.value}
   * ({@code {headers, data}}); Gradio 4 also has {@code props.headers}, and its value may omit them.
   */
  private static Optional<GradioTable> dataframe(JsonNode component, String url) {
    JsonNode props = component.path("props");
    JsonNode value = props.path("value");
    JsonNode headers = value.path("headers").isArray() ? value.path("headers") : props.path("headers");
    JsonNode data = value.path("data");
    if (!headers.isArray() || !data.isArray()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    headers.forEach(h -> names.add(h.isTextual() ? h.asText().strip() : h.toString()));
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode row : data) {
      if (!row.isArray()) {
        return Optional.empty(); // not a table after all
      }
      List<String> cells = new ArrayList<>();
      row.forEach(cell -> cells.add(text(cell)));
      rows.add(cells);
    }
    return Optional.of(new GradioTable(url, names, rows));
  }

  /** A cell's text; numbers keep their exact JSON text, null is empty. */
  private static String text(JsonNode cell) {
    if (cell == null || cell.isNull()) {
      return "";
    }
    if (cell.isNumber()) {
      return cell.isIntegralNumber() ? cell.asText() : cell.decimalValue().toPlainString();
    }
    return cell.isValueNode() ? cell.asText() : cell.toString();
  }

  /** Names what the table nearest to the requirement lacks, for the error message. */
  private static String closest(List<GradioTable> tables, List<Header> required) {
    if (tables.isEmpty()) {
      return "missing " + required + " (the page has no dataframe at all)";
    }
    GradioTable best = null;
    List<Header> bestMissing = null;
    for (GradioTable table : tables) {
      List<Header> missing = required.stream().filter(h -> !h.in(table.headers())).toList();
      if (bestMissing == null || missing.size() < bestMissing.size()) {
        best = table;
        bestMissing = missing;
      }
    }
    return "missing " + bestMissing.stream().map(Header::toString).collect(Collectors.joining(", "))
        + " (closest of " + tables.size() + " dataframes has " + best.headers() + ")";
  }
}
