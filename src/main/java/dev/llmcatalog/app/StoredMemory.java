package dev.llmcatalog.app;

import dev.llmcatalog.source.SourceMemory;
import dev.llmcatalog.store.MemoryStore;
import java.util.Map;

/**
 * One source's memory, kept in the store under the source's name. A replay of the raw archive recalls the facts, so
 * that the source asks what its last sync asked, but records none: answers replayed say nothing new of the upstream.
 */
record StoredMemory(MemoryStore store, String source, boolean replaying) implements SourceMemory {
  @Override
  public Map<String, String> recall() {
    return store.load(source);
  }

  @Override
  public void remember(Map<String, String> facts) {
    if (!replaying) {
      store.remember(source, facts);
    }
  }
}
