package dev.llmcatalog.app;

import dev.llmcatalog.fetch.ArchiveLookup;
import dev.llmcatalog.fetch.FetchListener;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.store.ArchiveStore;
import dev.llmcatalog.store.ArchivedBody;
import dev.llmcatalog.store.ArchivedFetch;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;

/**
 * The fetch side of the raw archive: collects every answer the sources' fetchers read (attach it with
 * {@code Fetcher.withListener}); {@link SyncPipeline} stores them after each source, whether it succeeded
 * or not, so a body that a parser could not read is kept for a later fix. {@link #lookup} answers an offline
 * sync from the store.
 */
public final class RawArchive implements FetchListener {
  /** Never archived: cookies are session state, not data. */
  private static final String SET_COOKIE = "Set-Cookie";

  private final List<ArchivedFetch> pending = new ArrayList<>();

  @Override
  public void fetched(Exchange exchange) {
    Fetched f = exchange.fetched();
    ArchivedFetch packed = new ArchivedFetch(exchange.source(), exchange.method(), f.requestedUrl(), f.finalUrl(), f.status(),
        headerLines(f.headers()), ArchivedBody.of(f.body()), exchange.durationMillis());
    synchronized (this) {
      pending.add(packed);
    }
  }

  /** Stores what was collected since the last call under run {@code runId}; returns how many answers that was. */
  int flush(ArchiveStore store, long runId) {
    List<ArchivedFetch> fetches;
    synchronized (this) {
      fetches = List.copyOf(pending);
      pending.clear();
    }
    store.archive(runId, fetches);
    return fetches.size();
  }

  /** Answers from the newest archived exchange of each URL. */
  public static ArchiveLookup lookup(ArchiveStore store) {
    return (method, url) -> store.findNewestArchived(method, url)
        .map(a -> new Fetched(a.url(), a.finalUrl(), a.status(), headers(a.headers()), a.body().bytes()));
  }

  private static String headerLines(Headers headers) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      if (!headers.name(i).equalsIgnoreCase(SET_COOKIE)) {
        lines.append(headers.name(i)).append(": ").append(headers.value(i)).append('\n');
      }
    }
    return lines.toString();
  }

  private static Headers headers(String lines) {
    Headers.Builder headers = new Headers.Builder();
    lines.lines().filter(l -> l.indexOf(':') > 0).forEach(l -> {
      int colon = l.indexOf(':');
      headers.addUnsafeNonAscii(l.substring(0, colon), l.substring(colon + 1).trim());
    });
    return headers.build();
  }
}
