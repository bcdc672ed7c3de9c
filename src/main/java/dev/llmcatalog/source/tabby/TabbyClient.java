package dev.llmcatalog.source.tabby;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.Upstreams;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Reads the leaderboard's static YAML files, {@code GET {base}/<file>.yml}, the same files the site's own
 * page loads. Every failure is a {@link FetchException} naming the source, the URL and what was wrong.
 */
final class TabbyClient {
  private final Fetcher fetcher;
  private final HttpUrl base;

  TabbyClient(Fetcher fetcher, String endpoint) {
    this.fetcher = fetcher;
    this.base = Upstreams.base(endpoint);
  }

  /** One board file and the URL it was read from. */
  record Board(String file, String url, TabbyBoard board) {}

  /** @param file the file's name without {@code .yml}: {@code tabby}, {@code instruct} or {@code cceval} */
  Board fetchBoard(String file) throws FetchException {
    HttpUrl url = base.newBuilder().addPathSegment(file + ".yml").build();
    Fetched fetched;
    try {
      fetched = fetcher.fetch(new Request.Builder().url(url).build());
    } catch (FetchException e) {
      throw new FetchException(url.toString(), TabbySource.NAME + ": " + e.getMessage(), e);
    }
    if (fetched.status() != 200) {
      throw failure(url, fetched, "GET -> HTTP " + fetched.status());
    }
    // A static host answers an unknown path with its app page and status 200; that is no board.
    if (fetched.contentType().contains("html") || startsWithTag(fetched.body())) {
      throw failure(url, fetched, "expected YAML, got an HTML page"
          + (fetched.contentType().isEmpty() ? "" : " (" + fetched.contentType() + ")"));
    }
    try {
      return new Board(file, url.toString(), TabbyParser.parse(fetched.body()));
    } catch (IllegalArgumentException e) {
      throw failure(url, fetched, e.getMessage());
    }
  }

  private static FetchException failure(HttpUrl url, Fetched fetched, String what) {
    String redirect = fetched.redirected() ? " (redirected to " + fetched.finalUrl() + ")" : "";
    return new FetchException(url.toString(), fetched.status(), TabbySource.NAME + ": " + url + redirect + ": " + what);
  }

  private static boolean startsWithTag(byte[] body) {
    String start = new String(body, 0, Math.min(body.length, 256), StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
    return start.startsWith("<");
  }
}
