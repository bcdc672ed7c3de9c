package dev.llmcatalog.source.mteb;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.Upstreams;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The canonical results repository, GitHub {@code embeddings-benchmark/results}, through raw GitHub
 * ({@code {base}/embeddings-benchmark/results/main/<path>}): its root index {@code paths.json} and the task files.
 */
final class ResultsClient {
  static final String REPOSITORY = "embeddings-benchmark/results";
  static final String BRANCH = "main";
  static final String INDEX = "paths.json";

  private final Fetcher fetcher;
  private final HttpUrl root;

  ResultsClient(Fetcher fetcher, String githubRaw) {
    this.fetcher = fetcher;
    this.root = Upstreams.base(githubRaw).newBuilder()
        .addPathSegments(REPOSITORY).addPathSegment(BRANCH).build();
  }

  /** The URL of {@code path} in the repository. */
  HttpUrl url(String path) {
    return root.newBuilder().addPathSegments(path).build();
  }

  /**
   * The index, revalidated against the raw archive: several MiB that change a few times a month, so an unchanged
   * index is a 304 and the archived copy is read again.
   */
  IndexAnswer fetchIndex() throws FetchException {
    Fetched fetched = fetcher.fetchRevalidated(new Request.Builder().url(url(INDEX)).build());
    MtebJson.requireOk(fetched);
    JsonAnswer answer = MtebJson.parse(fetched);
    try {
      return new IndexAnswer(ResultsIndex.parse(answer.json()), answer.url());
    } catch (IllegalArgumentException e) {
      throw MtebJson.failure(fetched, answer.url() + ": " + e.getMessage());
    }
  }

  /** One task file, parsed with its numbers exact; empty when the repository answers 404 (the file is gone). */
  Optional<JsonAnswer> fetchResultFile(ResultFile file) throws FetchException {
    Fetched fetched = fetcher.fetch(new Request.Builder().url(url(file.path())).build());
    if (fetched.status() == 404) {
      return Optional.empty();
    }
    MtebJson.requireOk(fetched);
    return Optional.of(MtebJson.parse(fetched));
  }

  /** The parsed index and the URL it came from, for messages. */
  record IndexAnswer(ResultsIndex index, String url) {}
}
