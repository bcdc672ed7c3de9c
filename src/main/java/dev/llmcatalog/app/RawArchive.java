package dev.llmcatalog.app;

import dev.llmcatalog.fetch.ArchiveLookup;
import dev.llmcatalog.fetch.FetchListener;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.store.ArchiveStore;
import dev.llmcatalog.store.ArchivedBody;
import dev.llmcatalog.store.ArchivedFetch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

  /** Raw bodies waiting to be packed, at most: beyond that the fetching thread packs its own. */
  private static final int PACKING = 4;

  /** The answers since the last flush, in the order they arrived, each packed or being packed. */
  private final List<Future<ArchivedFetch>> pending = new ArrayList<>();
  private final Semaphore packing = new Semaphore(PACKING);
  /** Packs (hashes and compresses) bodies off the fetching thread, which can then ask for the next page at once. */
  private final ExecutorService packer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
      r -> {
        Thread t = new Thread(r, "archive-pack");
        t.setDaemon(true);
        return t;
      });

  @Override
  public void fetched(Exchange exchange) {
    Fetched f = exchange.fetched();
    Callable<ArchivedFetch> pack = () -> new ArchivedFetch(exchange.source(), exchange.method(), f.requestedUrl(),
        f.finalUrl(), f.status(), headerLines(f.headers()), ArchivedBody.of(f.body()), exchange.durationMillis());
    Future<ArchivedFetch> packed;
    if (packing.tryAcquire()) {
      packed = packer.submit(() -> {
        try {
          return pack.call();
        } finally {
          packing.release();
        }
      });
    } else { // as many bodies wait already: memory stays bounded
      FutureTask<ArchivedFetch> here = new FutureTask<>(pack);
      here.run();
      packed = here;
    }
    synchronized (this) {
      pending.add(packed);
    }
  }

  /** Stores what was collected since the last call under run {@code runId}; returns how many answers that was. */
  int flush(ArchiveStore store, long runId) {
    List<Future<ArchivedFetch>> answers;
    synchronized (this) {
      answers = List.copyOf(pending);
      pending.clear();
    }
    List<ArchivedFetch> fetches = new ArrayList<>(answers.size());
    for (Future<ArchivedFetch> answer : answers) {
      try {
        fetches.add(answer.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while archiving answers", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot pack an answer for the archive: " + e.getCause(), e.getCause());
      }
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
