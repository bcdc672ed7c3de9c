package dev.llmcatalog.source.hub;

import dev.llmcatalog.progress.SourceProgress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The requests for the config's listed models: one model-info request each, except that the listed models of an
 * author may all come from one listing of that author ({@link HubClient#fetchAuthor}) when what the last sync learned
 * ({@link AuthorFact}) says that takes fewer requests. A listed model the listing lacks (renamed, deleted, private)
 * falls back to its own model-info request, so renames and missing models are handled exactly as without listings.
 * Every request runs on the caller's pool; the results come back per listed id, in the config's order.
 */
final class ListedModels {
  private final HubClient client;
  private final List<String> ids;
  private final Map<String, String> recalled;
  private final boolean replaying;
  /** The authors of two or more listed models, each with the indexes of its models in {@link #ids}. */
  private final Map<String, List<Integer>> authors = new LinkedHashMap<>();
  private final Map<String, AuthorFact> listed = new ConcurrentHashMap<>();
  private final List<CompletableFuture<ModelFetch>> results = new ArrayList<>();

  /**
   * @param ids the listed models, in the config's order
   * @param recalled the Hub source's memory: facts by key ({@link AuthorFact#KEY_PREFIX} and the author)
   * @param replaying a replay of the raw archive: ask what the last sync asked
   */
  ListedModels(HubClient client, Collection<String> ids, Map<String, String> recalled, boolean replaying) {
    this.client = client;
    this.ids = List.copyOf(ids);
    this.recalled = Map.copyOf(recalled);
    this.replaying = replaying;
    Map<String, List<Integer>> byAuthor = new LinkedHashMap<>();
    for (int i = 0; i < this.ids.size(); i++) {
      String id = this.ids.get(i);
      if (id.indexOf('/') > 0) { // an id without an author (a legacy name the Hub redirects) is always asked alone
        byAuthor.computeIfAbsent(id.substring(0, id.indexOf('/')), a -> new ArrayList<>()).add(i);
      }
      results.add(new CompletableFuture<>());
    }
    byAuthor.forEach((author, models) -> {
      if (models.size() >= 2) {
        authors.put(author, models);
      }
    });
  }

  /**
   * Starts every request on {@code pool}: the chosen authors' listings, then the other models' model-info requests;
   * a model read from a listing or answered counts as done in {@code progress}. A failure sets {@code failed} and fails
   * the results it was for.
   *
   * @return each listed model's outcome, in the config's order
   */
  List<Future<ModelFetch>> submit(ExecutorService pool, SourceProgress progress, AtomicBoolean failed) {
    boolean[] fromListing = new boolean[ids.size()];
    authors.forEach((author, models) -> {
      Optional<AuthorFact> fact = fact(author);
      if (fact.isPresent() && (replaying ? fact.get().listed() : fact.get().listNext())) {
        models.forEach(i -> fromListing[i] = true);
        run(pool, () -> list(pool, author, models, progress, failed), models, failed);
      }
    });
    for (int i = 0; i < ids.size(); i++) {
      if (!fromListing[i]) {
        fetchModel(pool, i, progress, failed);
      }
    }
    return List.copyOf(results);
  }

  /**
   * What this sync learned of each author of several listed models, by memory key; to be recorded once the source's
   * fetch succeeded (every result is in then).
   */
  Map<String, String> learned() {
    Map<String, String> facts = new LinkedHashMap<>();
    authors.forEach((author, models) -> {
      AuthorFact fact = listed.get(author);
      if (fact == null) {
        int own = (int) models.stream().map(i -> results.get(i).getNow(null))
            .filter(r -> r instanceof ModelFetch.Found f && f.model().id().equals(f.requestedId())).count();
        fact = AuthorFact.askedEach(fact(author), own);
      }
      facts.put(AuthorFact.KEY_PREFIX + author, fact.value());
    });
    return facts;
  }

  private Optional<AuthorFact> fact(String author) {
    return AuthorFact.parse(recalled.get(AuthorFact.KEY_PREFIX + author));
  }

  /** Reads {@code author}'s listing; its listed models it lacks are asked by model-info. */
  private void list(ExecutorService pool, String author, List<Integer> models, SourceProgress progress,
      AtomicBoolean failed) throws IOException {
    HubClient.AuthorPage page = client.fetchAuthor(author);
    int found = (int) models.stream().filter(i -> page.models().containsKey(ids.get(i))).count();
    // before any result completes: the fact must be in once the caller has every result
    listed.put(author, new AuthorFact(page.whole() ? AuthorFact.State.ONE_PAGE : AuthorFact.State.LARGE, found));
    for (int i : models) {
      HubModel model = page.models().get(ids.get(i));
      if (model == null) {
        fetchModel(pool, i, progress, failed);
      } else {
        progress.done(1);
        results.get(i).complete(new ModelFetch.Found(ids.get(i), model, page.url()));
      }
    }
  }

  private void fetchModel(ExecutorService pool, int i, SourceProgress progress, AtomicBoolean failed) {
    run(pool, () -> {
      ModelFetch result = client.fetchModel(ids.get(i));
      progress.done(1);
      results.get(i).complete(result);
    }, List.of(i), failed);
  }

  /** A request that may fail. */
  @FunctionalInterface
  private interface Request {
    void run() throws IOException;
  }

  /** Runs {@code request} on {@code pool}; its failure (or a pool already shut down) fails the results of {@code models}. */
  private void run(ExecutorService pool, Request request, List<Integer> models, AtomicBoolean failed) {
    try {
      pool.execute(() -> {
        try {
          request.run();
        } catch (IOException | RuntimeException e) {
          failed.set(true); // stops the groups' paging: the source fails anyway
          models.forEach(i -> results.get(i).completeExceptionally(e));
        }
      });
    } catch (RejectedExecutionException e) { // the source failed and ended meanwhile: nobody waits for these
      models.forEach(i -> results.get(i).completeExceptionally(e));
    }
  }
}
