package dev.llmcatalog.source.mteb;

import dev.llmcatalog.config.Group;
import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.SourceDescriptor;
import dev.llmcatalog.source.Upstreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MTEB main scores of the catalog's embedding models, per task, from the two places MTEB publishes them: the model
 * card's {@code model-index} on the Hub, and the canonical results repository, GitHub
 * {@code embeddings-benchmark/results} (its root index {@code paths.json}, then each listed task file, through raw
 * GitHub). Each score is one observation: key = the task name, variant = where in the upstream it sits, value on the
 * 0-100 scale.
 *
 * <p>The Hub dataset {@code mteb/results} is not read: it stopped mirroring the repository on 2026-05-31 and has been
 * a parquet export since. A model the index does not list, or whose listed files are all gone, is named in
 * {@link SourceData#withoutData}, so the sync rejects the source if that model had results before; any other
 * unreadable answer (the index missing, empty or reshaped, one listed file gone while others remain) fails the source.
 */
public final class MtebSource implements Source {
  public static final String NAME = "mteb";
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(Upstreams.HUB, Upstreams.GITHUB_RAW), Optional.of(MtebConfig.SECTION)),
      c -> new MtebSource(c.fetcher(), c.endpoints().get(Upstreams.HUB.key()), c.endpoints().get(Upstreams.GITHUB_RAW.key()),
          c.config().findGroup(c.config().section(MtebConfig.SECTION).group()).map(Group::models).orElse(List.of())));
  private static final Logger log = LoggerFactory.getLogger(MtebSource.class);

  private final CardClient cards;
  private final ResultsClient results;
  private final List<String> modelIds;

  /** @param hub, githubRaw base URLs of the Hub (model cards) and raw GitHub (results); @param modelIds Hub ids of the embedding models to read scores for */
  public MtebSource(Fetcher fetcher, String hub, String githubRaw, List<String> modelIds) {
    this.cards = new CardClient(fetcher, hub);
    this.results = new ResultsClient(fetcher, githubRaw);
    this.modelIds = List.copyOf(modelIds);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    ResultsClient.IndexAnswer index = results.fetchIndex();
    log.debug("{}: {} model folders", index.url(), index.index().size());
    Map<String, Observation> observations = new LinkedHashMap<>();
    List<String> withoutResults = new ArrayList<>();
    for (String id : modelIds) {
      Optional<JsonAnswer> card = cards.fetchModelIndex(id);
      if (card.isEmpty()) {
        log.info("{}: not on the Hub, no model card to read", id);
      } else {
        List<MainScore> scores = parse(card.get().url(), () -> MtebParser.parseModelIndex(card.get().json()));
        add(observations, id, scores, card.get().url());
      }
      Optional<List<ResultFile>> files = parse(index.url(), () -> index.index().filesOf(id));
      if (files.isEmpty()) {
        log.info("{}: no results folder in {}", id, index.url());
        withoutResults.add(id);
      } else if (!readResults(id, files.get(), index.url(), observations)) {
        withoutResults.add(id);
      }
    }
    // MTEB gives no date for its data: result files carry none, and a card's model-index carries none.
    return SourceData.of(List.copyOf(observations.values()), null).withoutData(withoutResults);
  }

  /**
   * Reads every listed task file of {@code id}; false when all of them are gone (404): its folder was removed while
   * the index still lists it. Some gone and some not is an index out of step with the repository, and fails.
   */
  private boolean readResults(String id, List<ResultFile> files, String indexUrl, Map<String, Observation> out)
      throws FetchException {
    List<String> gone = new ArrayList<>();
    for (ResultFile file : files) {
      Optional<JsonAnswer> answer = results.fetchResultFile(file);
      if (answer.isEmpty()) {
        gone.add(results.url(file.path()).toString());
        continue;
      }
      JsonAnswer a = answer.get();
      add(out, id, parse(a.url(), () -> MtebParser.parseResultFile(a.json(), file.revision(), file.fileTask())), a.url());
    }
    if (gone.isEmpty()) {
      return true;
    }
    if (gone.size() == files.size()) {
      log.warn("{}: all {} result files {} lists are gone (404, e.g. {}): its results folder was removed", id,
          files.size(), indexUrl, gone.get(0));
      return false;
    }
    throw new FetchException(gone.get(0), 404, NAME + ": GET " + gone.get(0) + " -> HTTP 404: listed in " + indexUrl
        + " but not in the repository (" + gone.size() + " of " + id + "'s " + files.size() + " files are gone)");
  }

  /** Runs a pure parse, turning its complaint into a failure that names the source and the URL. */
  private static <T> T parse(String url, Supplier<T> parse) throws FetchException {
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
