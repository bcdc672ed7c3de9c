package dev.llmcatalog.store;

import java.util.List;
import java.util.Optional;

/** The raw archive: every answer a sync read, kept for provenance and for {@code sync --offline}, pruned by {@code gc}. */
public interface ArchiveStore {
  /** What {@link #gc} removed. */
  record Pruned(int runsKept, int fetchesRemoved, int urlsRemoved, int bodiesRemoved, long bytesRemoved) {}

  /**
   * Adds {@code fetches} of run {@code runId} to the raw archive; a body or URL already stored is not stored again,
   * and the headers that tell nothing new are left out.
   */
  void archive(long runId, List<ArchivedFetch> fetches);

  /** The newest archived answer to {@code method url}. */
  Optional<ArchivedFetch> findNewestArchived(String method, String url);

  /**
   * Keeps the fetch log of the newest {@code keepRuns} runs that fetched (an offline run fetches nothing, so it
   * does not count) and deletes older log rows and every URL and body no kept row references, then compacts.
   */
  Pruned gc(int keepRuns);
}
