package dev.llmcatalog.source.arena;

import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;

/**
 * One dataframe of a Gradio page: its headers and its cells as text (numbers in their exact JSON text),
 * and the page it was read from.
 */
record GradioTable(String url, List<String> headers, List<List<String>> rows) {
  GradioTable {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** The index of the first of {@code names} that is a header. */
  Optional<Integer> column(List<String> names) {
    for (String name : names) {
      int index = headers.indexOf(name);
      if (index >= 0) {
        return Optional.of(index);
      }
    }
    return Optional.empty();
  }

  /**
   * A cell as plain text: markdown cells hold HTML (the Arena's model names are {@code <a>} links), so
   * any markup is reduced to its text.
   */
  static String text(String cell) {
    return cell.indexOf('<') >= 0 ? Jsoup.parseBodyFragment(cell).text() : cell.strip();
  }
}
