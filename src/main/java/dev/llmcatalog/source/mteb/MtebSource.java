package dev.llmcatalog.source.mteb;

import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MTEB main scores of the catalog's embedding models, per task, from the two places MTEB publishes them:
 * the model card's {@code model-index} and the results repository (Hub dataset {@code mteb/results}).
 * Each score is one observation: key = the task name, variant = where in the upstream it sits, value on
 * the 0-100 scale. Any unreadable answer fails the whole source.
 */
public final class MtebSource implements Source {
  public static final String NAME = "mteb";
  private static final Logger log = LoggerFactory.getLogger(MtebSource.class);

  private final MtebClient client;
  private final List<String> modelIds;

  /** @param modelIds Hub ids of the embedding models to read scores for */
  public MtebSource(Fetcher fetcher, Endpoints endpoints, List<String> modelIds) {
    this.client = new MtebClient(fetcher, endpoints.hub());
    this.modelIds = List.copyOf(modelIds);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    Map<String, Observation> observations = new LinkedHashMap<>();
    for (String id : modelIds) {
      Optional<JsonAnswer> card = client.fetchModelIndex(id);
      if (card.isEmpty()) {
        log.info("{}: not on the Hub, no model card to read", id);
      } else {
        List<MainScore> scores = parse(card.get().url(), () -> MtebParser.parseModelIndex(card.get().json()));
        add(observations, id, scores, card.get().url());
      }
      List<ResultFile> files = client.fetchResultFiles(id);
      log.debug("{}: {} result files", id, files.size());
      for (ResultFile file : files) {
        JsonAnswer answer = client.fetchResultFile(file);
        add(observations, id, parse(answer.url(),
            () -> MtebParser.parseResultFile(answer.json(), file.revision(), file.fileTask())), answer.url());
      }
    }
    // MTEB gives no date for its data: result files carry none, and a card's model-index carries none.
    return SourceData.of(List.copyOf(observations.values()), null);
  }

  /** Runs a pure parse, turning its complaint into a failure that names the source and the URL. */
  private static List<MainScore> parse(String url, Supplier<List<MainScore>> parse) throws FetchException {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new FetchException(url, 200, NAME + ": " + url + ": " + e.getMessage());
    }
  }

  /**
   * Adds scores; a row seen twice with the same value is one row, with different values it is an
   * upstream contradiction the catalog cannot settle by itself.
   */
  private static void add(Map<String, Observation> out, String subject, List<MainScore> scores, String url)
      throws FetchException {
    for (MainScore s : scores) {
      Observation o = new Observation(subject, s.variant(), s.task(), s.value(), s.raw(), url);
      String key = subject + '\u0000' + s.variant() + '\u0000' + s.task();
      Observation before = out.putIfAbsent(key, o);
      if (before != null && !before.value().equals(o.value())) {
        throw new FetchException(url, 200, NAME + ": " + url + ": " + subject + " " + s.task() + " " + s.variant()
            + " is " + o.value() + " here but " + before.value() + " in " + before.url());
      }
    }
  }
}
