package dev.llmcatalog.source.tabby;

import dev.llmcatalog.config.EndpointSpec;
import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.SourceDescriptor;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TabbyML Coding LLMs Leaderboard (leaderboard.tabbyml.com): next-line accuracy per language and
 * context mode from its three tabs, each a YAML file. A model can sit in several tabs with different
 * numbers, so the tab is the variant. All three files must read cleanly, or the source fails.
 */
public final class TabbySource implements Source {
  public static final String NAME = "tabby";
  static final EndpointSpec SITE = new EndpointSpec("tabby", "LLM_CATALOG_TABBY_URL", "https://leaderboard.tabbyml.com",
      false, "TabbyML coding leaderboard");
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(SITE), Optional.empty()),
      c -> new TabbySource(c.fetcher(), c.endpoints().get(SITE.key())));
  /** The site's tabs in its order; each is one file ({@code <name>.yml}) and one variant. */
  static final List<String> FILES = List.of("tabby", "instruct", "cceval");

  private final TabbyClient client;

  public TabbySource(Fetcher fetcher, String site) {
    this.client = new TabbyClient(fetcher, site);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    List<Observation> observations = new ArrayList<>();
    for (String file : FILES) {
      TabbyClient.Board board = client.fetchBoard(file);
      observations.addAll(observe(board.board(), board.file(), board.url()));
    }
    // The files carry no date of their own (the page's "Last Updated" is hard-coded in its script).
    return SourceData.of(observations, null);
  }

  /**
   * Per model and mode: {@code <mode>_<language>} for each score as given, then {@code <mode>_average}
   * as the site computes it ({@link TabbyParser#siteAverage}).
   */
  static List<Observation> observe(TabbyBoard board, String variant, String url) {
    Map<String, Observation> out = new LinkedHashMap<>();
    for (TabbyModel model : board.models()) {
      model.modes().forEach((mode, scores) -> {
        List<BigDecimal> values = new ArrayList<>();
        for (TabbyScore score : scores) {
          put(out, new Observation(model.name(), variant, mode + "_" + score.language(), Scores.format(score.value()),
              score.text(), url));
          values.add(score.value());
        }
        put(out, new Observation(model.name(), variant, mode + "_" + TabbyParser.AVERAGE,
            Scores.format(TabbyParser.siteAverage(values)), null, url));
      });
    }
    return List.copyOf(out.values());
  }

  private static void put(Map<String, Observation> out, Observation o) {
    // The parser rejects duplicate models, modes and languages, so a clash here is a bug.
    if (out.putIfAbsent(o.subject() + '\u0000' + o.variant() + '\u0000' + o.key(), o) != null) {
      throw new IllegalStateException("duplicate " + o.subject() + " " + o.variant() + " " + o.key());
    }
  }
}
