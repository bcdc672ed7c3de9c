package dev.llmcatalog.fetch;

import java.util.Optional;

/** Where an offline client finds its answers: the raw archive of earlier fetches. */
@FunctionalInterface
public interface ArchiveLookup {
  /** The newest archived answer to {@code method url} (the URL as asked for, before redirects). */
  Optional<Fetched> findNewest(String method, String url);
}
