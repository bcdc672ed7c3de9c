package dev.llmcatalog.source.opencompass;

import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenCompass 2.0 / CompassRank LLM board: every edition the site lists, each row a variant named
 * after its edition's month, because the catalog may show an older edition (the seed shows 24-02) and
 * the dimensions differ between editions. Any edition that cannot be read fails the whole source.
 */
public final class OpenCompassSource implements Source {
  public static final String NAME = "opencompass";
  private static final Logger log = LoggerFactory.getLogger(OpenCompassSource.class);

  private final CompassRankClient client;

  public OpenCompassSource(Fetcher fetcher, Endpoints endpoints) {
    this.client = new CompassRankClient(fetcher, endpoints.opencompass(), endpoints.opencompassCdn());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    List<Edition> editions = client.fetchEditions();
    List<Observation> observations = new ArrayList<>();
    for (Edition edition : editions) {
      CompassRankClient.EditionTable table = client.fetchOverallTable(edition);
      log.info("edition {} ({}): {} models", edition.month(), edition.updateTime(), table.rows().size());
      for (BoardRow row : table.rows()) {
        observations.addAll(observe(edition, row, table.url()));
      }
    }
    String newest = editions.stream().map(Edition::updateTime).max(Comparator.naturalOrder()).orElseThrow();
    return SourceData.of(observations, newest);
  }

  static List<Observation> observe(Edition edition, BoardRow row, String url) {
    List<Observation> out = new ArrayList<>();
    String subject = row.model();
    String variant = edition.month();
    out.add(new Observation(subject, variant, CompassRankParser.NAME, row.model(), null, url));
    if (row.org() != null) {
      out.add(new Observation(subject, variant, CompassRankParser.ORG, row.org(), null, url));
    }
    if (row.chatOrBase() != null) {
      out.add(new Observation(subject, variant, CompassRankParser.CHAT_OR_BASE, row.chatOrBase(), null, url));
    }
    // The month is also a value, so a catalog table can pick an edition without parsing variants.
    out.add(new Observation(subject, variant, CompassRankParser.EDITION, edition.month(), null, url));
    out.add(new Observation(subject, variant, CompassRankParser.EDITION_DATE, edition.updateTime(), null, url));
    for (Map.Entry<String, BigDecimal> score : row.scores().entrySet()) {
      BigDecimal value = score.getValue();
      out.add(new Observation(subject, variant, score.getKey(), Scores.format(value), value.toString(), url));
    }
    return out;
  }
}
