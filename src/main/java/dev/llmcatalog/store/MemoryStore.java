package dev.llmcatalog.store;

import java.util.Map;

/**
 * What sources learned on earlier syncs about how to ask their upstreams (table {@code source_memory}, SQLite V13,
 * PostgreSQL V5): facts by key, per source, each replaced by the newer one of the same key. Not history: losing a fact
 * costs a source requests, never data.
 */
public interface MemoryStore {
  /** Every fact {@code source} has recorded, by key; empty when it has none. */
  Map<String, String> load(String source);

  /** Records {@code facts} for {@code source} in one transaction, replacing the values of their keys; others stay. */
  void remember(String source, Map<String, String> facts);
}
