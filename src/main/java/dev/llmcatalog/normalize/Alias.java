package dev.llmcatalog.normalize;

import java.util.Map;

/** {@code alias} (an old or differently spelled id) now names the model {@code modelId}. */
public record Alias(String alias, String modelId) {
  /** At most this many renames are followed: a cycle in the recorded renames must not hang a reader. */
  private static final int MAX_HOPS = 10;

  /** The id {@code id} names now: {@code renames} (alias -> id) followed from it, at most {@link #MAX_HOPS} times. */
  public static String follow(Map<String, String> renames, String id) {
    String current = id;
    for (int hops = 0; hops < MAX_HOPS && renames.containsKey(current); hops++) {
      current = renames.get(current);
    }
    return current;
  }
}
