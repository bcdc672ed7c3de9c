package dev.llmcatalog.fetch;

import java.util.Optional;

/** The raw archive of earlier fetches: where an offline client finds its answers, and a conditional request its validators. */
@FunctionalInterface
public interface ArchiveLookup {
  /** No archive: nothing was ever archived. */
  ArchiveLookup NONE = (method, url) -> Optional.empty();

  /** The newest archived answer to {@code method url} (the URL as asked for, before redirects). */
  Optional<Fetched> findNewest(String method, String url);
}
