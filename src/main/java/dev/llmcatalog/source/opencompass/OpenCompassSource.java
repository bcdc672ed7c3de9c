package dev.llmcatalog.source.opencompass;

import dev.llmcatalog.config.EndpointSpec;
import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.SourceDescriptor;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenCompass 2.0 / CompassRank LLM board: every edition the site lists, each row a variant named after its
 * edition's month, because the catalog may show an older edition (the seed shows 24-02) and the dimensions differ
 * between editions.
 *
 * <p>Editions are read one by one and fail one by one: the server drops about one request in four from outside
 * China, and one bad entry or file must not cost the other editions. An edition listed without a file, or whose file
 * fails (after the fetch layer's retries), is unparsable or has the wrong shape, is skipped with a warning and kept:
 * its previous values stay current and the snapshot is partial, naming it. An edition the list no longer names is
 * kept the same way (see {@link SourceData.Unlisted}): editions are published history, so one that disappears is a
 * silent change upstream, not data to remove. The source fails as a whole only when the list itself cannot be read
 * or no edition can.
 */
public final class OpenCompassSource implements Source {
  public static final String NAME = "opencompass";
  static final EndpointSpec SITE = new EndpointSpec("opencompass", "LLM_CATALOG_OPENCOMPASS_URL",
      "https://rank.opencompass.org.cn", false, "OpenCompass rank API (CompassRank)");
  static final EndpointSpec CDN = new EndpointSpec("opencompass_cdn", "LLM_CATALOG_OPENCOMPASS_CDN",
      "https://cdn.opencompass.org.cn", false, "OpenCompass data CDN (one file per edition)");
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(SITE, CDN), Optional.empty()),
      c -> new OpenCompassSource(c.fetcher(), c.endpoints().get(SITE.key()), c.endpoints().get(CDN.key())));
  private static final Logger log = LoggerFactory.getLogger(OpenCompassSource.class);

  private final CompassRankClient client;

  public OpenCompassSource(Fetcher fetcher, String site, String cdn) {
    this.client = new CompassRankClient(fetcher, site, cdn);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    EditionList listed = client.fetchEditions();
    for (String entry : listed.unnamed()) {
      log.warn("{}: {} of the edition list names no month; ignored", NAME, entry);
    }
    List<SourceData.Kept> skipped = new ArrayList<>();
    listed.unusable().forEach(u -> skipped.add(skip(u.month(), u.reason())));
    List<Observation> observations = new ArrayList<>();
    for (Edition edition : listed.editions()) {
      CompassRankClient.EditionTable table;
      try {
        table = client.fetchOverallTable(edition);
      } catch (FetchException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e; // the sync is being stopped: no edition's fault
        }
        skipped.add(skip(edition.month(), withoutSourceName(e.getMessage())));
        continue;
      }
      log.info("{}: edition {} ({}): {} models", NAME, edition.month(), edition.updateTime(), table.rows().size());
      report(edition, table.table());
      for (BoardRow row : table.rows()) {
        observations.addAll(observe(edition, row, table.url()));
      }
    }
    if (skipped.size() == listed.named()) {
      throw new FetchException(client.monthsUrl().toString(), 0, NAME + ": no edition could be read: "
          + skipped.stream().map(k -> k.label() + ": " + k.reason()).collect(Collectors.joining("; ")));
    }
    String newest = listed.editions().stream().map(Edition::updateTime).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
    return SourceData.of(observations, newest).keeping(skipped).keepingUnlisted("edition",
        "no longer listed by POST " + client.monthsUrl() + "; rerun with `sync --accept-shrink` to drop it");
  }

  private static SourceData.Kept skip(String month, String reason) {
    log.warn("{}: edition {} skipped, its previous data kept: {}", NAME, month, reason);
    return new SourceData.Kept(month, "edition " + month, reason);
  }

  /** The client's messages name the source for a whole-source failure; the sync line names it already. */
  private static String withoutSourceName(String message) {
    return message.startsWith(CompassRankClient.SOURCE_PREFIX)
        ? message.substring(CompassRankClient.SOURCE_PREFIX.length()) : message;
  }

  /** Fields that are in neither of the parser's lists, so that a person can add them there. */
  private static void report(Edition edition, TableRows table) {
    if (!table.newDimensions().isEmpty()) {
      log.info("{}: edition {}: dimensions not in the known list stored as metrics: {}", NAME, edition.month(),
          table.newDimensions().stream().map(f -> f + " -> " + CompassRankParser.metricKey(f)).collect(Collectors.joining(", ")));
    }
    if (!table.ignoredFields().isEmpty()) {
      log.warn("{}: edition {}: unknown numeric fields left out as metadata (lower case, not a dimension): {}", NAME,
          edition.month(), String.join(", ", table.ignoredFields()));
    }
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
    if (edition.updateTime() != null) {
      out.add(new Observation(subject, variant, CompassRankParser.EDITION_DATE, edition.updateTime(), null, url));
    }
    for (Map.Entry<String, BigDecimal> score : row.scores().entrySet()) {
      BigDecimal value = score.getValue();
      out.add(new Observation(subject, variant, score.getKey(), Scores.format(value), value.toString(), url));
    }
    return out;
  }
}
