package dev.llmcatalog.testsupport;

import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a reader sees of a rendered catalog, read from the HTML that a markdown renderer made: each table as its rows
 * (cells joined by " | "), each link as "text -> href", the paragraphs that start with a pipe (a table the renderer did
 * not take as one) and the visible text. Two renderers agree on a catalog when their censuses are equal.
 */
public record HtmlCensus(List<List<String>> tables, List<String> links, List<String> pipeParagraphs, String text) {
  public HtmlCensus {
    tables = tables.stream().map(List::copyOf).toList();
    links = List.copyOf(links);
    pipeParagraphs = List.copyOf(pipeParagraphs);
  }

  /** The census of {@code root}'s content (a page's article, or a whole fragment). */
  public static HtmlCensus of(Element root) {
    List<List<String>> tables = root.select("table").stream()
        .map(t -> t.select("tr").stream().map(r -> String.join(" | ", cells(r))).toList())
        .toList();
    List<String> links = root.select("a[href]").stream().map(a -> a.text() + " -> " + a.attr("href")).toList();
    List<String> pipes = root.select("p").stream().map(Element::text).filter(t -> t.startsWith("|")).toList();
    return new HtmlCensus(tables, links, pipes, root.text());
  }

  /** A row's cells, an empty one (a yes/no mark's "no") included: jsoup's eachText would leave it out. */
  private static List<String> cells(Element row) {
    return row.select("th, td").stream().map(c -> c.text().replace('\u00a0', ' ').strip()).toList();
  }

  public static HtmlCensus of(Document page) {
    return of(page.body());
  }

  /** How many rows all tables have together, header rows included. */
  public int rows() {
    return tables.stream().mapToInt(List::size).sum();
  }
}
