package dev.llmcatalog.source;

import java.util.Map;

/**
 * What one source learned on its earlier syncs about how to ask its upstream (the Hub: which authors fit in one listing
 * page), kept between syncs by the store; facts by key, as text. Knowledge only saves requests: a source must fetch the
 * same values whatever it recalls, and records facts only from a fetch that succeeded.
 */
public interface SourceMemory {
  /** Recalls nothing and forgets everything: for callers without a store (a fetch alone, most tests). */
  SourceMemory NONE = new SourceMemory() {
    @Override
    public Map<String, String> recall() {
      return Map.of();
    }

    @Override
    public void remember(Map<String, String> facts) {}
  };

  /**
   * True when the sync replays the raw archive ({@code sync --offline}): the source then asks what its last sync
   * asked, as its facts tell, so that every answer is in the archive; and it learns nothing.
   */
  default boolean replaying() {
    return false;
  }

  /** Every fact the source recorded, by key. */
  Map<String, String> recall();

  /** Records {@code facts}, replacing the values of their keys; the other facts stay. */
  void remember(Map<String, String> facts);
}
