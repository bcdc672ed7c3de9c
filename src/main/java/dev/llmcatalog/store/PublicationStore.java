package dev.llmcatalog.store;

import java.util.Optional;

/** What readers saw: each {@code llm-catalog publish} records the catalog text as reviewed, so reviews diff against it. */
public interface PublicationStore {
  /** What was last published: its run and catalog text. */
  record Publication(long id, long runId, String publishedAt, String path, String catalog) {}

  /** Records {@code catalog} as published, reflecting the newest run. */
  Publication publish(String path, String catalog);

  Optional<Publication> findPublication();
}
