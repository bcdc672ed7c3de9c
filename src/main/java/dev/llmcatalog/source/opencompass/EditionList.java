package dev.llmcatalog.source.opencompass;

import java.util.List;

/**
 * What {@code listRankTableAvailableMonths} answered, entry by entry: the editions to read, the editions listed in a
 * way that cannot be read (no {@code fileName}, two different files for one month), and the entries that name no
 * month at all (described by their index, for the log: nothing can be kept for them).
 */
record EditionList(List<Edition> editions, List<Unusable> unusable, List<String> unnamed) {
  EditionList {
    editions = List.copyOf(editions);
    unusable = List.copyOf(unusable);
    unnamed = List.copyOf(unnamed);
  }

  /** An edition the list names but does not let us read, and why. */
  record Unusable(String month, String reason) {}

  /** How many editions the list names, readable or not. */
  int named() {
    return editions.size() + unusable.size();
  }
}
