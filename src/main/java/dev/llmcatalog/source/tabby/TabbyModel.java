package dev.llmcatalog.source.tabby;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model of a board file: its name exactly as the file gives it, and per canonical context mode
 * ({@code baseline}, {@code bm25}, {@code oracle}) the scores in file order.
 */
record TabbyModel(String name, Map<String, List<TabbyScore>> modes) {
  TabbyModel {
    Map<String, List<TabbyScore>> copy = new LinkedHashMap<>();
    modes.forEach((mode, scores) -> copy.put(mode, List.copyOf(scores)));
    modes = Collections.unmodifiableMap(copy); // keeps file order, unlike Map.copyOf
  }
}
