package dev.llmcatalog.source.aider;

import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.SourceDescriptor;
import dev.llmcatalog.source.Upstreams;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Aider's polyglot coding leaderboard (aider.chat/docs/leaderboards): the YAML file the site is built from,
 * {@code Aider-AI/aider} {@code aider/website/_data/polyglot_leaderboard.yml}, read through raw GitHub. Each run of
 * the benchmark is one variant of its model (a model is run with several edit formats); model names are API names,
 * mostly of closed models, so they stay unresolved unless a Hub id matches exactly.
 */
public final class AiderSource implements Source {
  public static final String NAME = "aider";
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(Upstreams.GITHUB_RAW), Optional.empty()),
      c -> new AiderSource(c.fetcher(), c.endpoints().get(Upstreams.GITHUB_RAW.key())));
  static final String FILE = "Aider-AI/aider/main/aider/website/_data/polyglot_leaderboard.yml";

  private final Fetcher fetcher;
  private final HttpUrl url;

  /** @param githubRaw the raw GitHub base URL */
  public AiderSource(Fetcher fetcher, String githubRaw) {
    this.fetcher = fetcher;
    this.url = Upstreams.base(githubRaw).resolve(FILE);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    Fetched fetched;
    try {
      fetched = fetcher.fetch(new Request.Builder().url(url).build());
    } catch (FetchException e) {
      throw new FetchException(url.toString(), NAME + ": " + e.getMessage(), e);
    }
    if (fetched.status() != 200) {
      throw new FetchException(url.toString(), fetched.status(), NAME + ": GET " + url + " -> HTTP " + fetched.status());
    }
    try {
      return AiderParser.parse(fetched.body(), url.toString());
    } catch (IllegalArgumentException e) {
      throw new FetchException(url.toString(), 200, NAME + ": " + url + ": " + e.getMessage());
    }
  }
}
