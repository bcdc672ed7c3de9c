package dev.llmcatalog.normalize;

import dev.llmcatalog.config.ModelIds;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a leaderboard's model name to one canonical Hub id: an exact Hub id first (following renames),
 * then a normalized match against the ids llm-catalog knows (case, separators and org prefix ignored;
 * only when exactly one known id matches), then the config's aliases. Anything else stays unresolved:
 * names are never guessed.
 */
public final class ModelResolver {
  private final Map<String, String> renames;
  private final Map<String, Set<String>> byNormalizedName = new HashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();

  /**
   * @param knownIds Hub ids the catalog knows (config, tables, Hub snapshots)
   * @param renames old Hub id -> current id (the Hub's 307 renames)
   * @param aliases board name -> Hub id (config)
   */
  public ModelResolver(Collection<String> knownIds, Map<String, String> renames, Map<String, String> aliases) {
    this.renames = Map.copyOf(renames);
    for (String id : knownIds) {
      byNormalizedName.computeIfAbsent(normalize(id), k -> new HashSet<>()).add(follow(id));
    }
    aliases.forEach((name, id) -> this.aliases.put(normalize(name), follow(id)));
  }

  public Optional<String> resolve(String name) {
    String trimmed = name.strip();
    if (ModelIds.isValid(trimmed)) {
      return Optional.of(follow(trimmed));
    }
    Set<String> candidates = byNormalizedName.getOrDefault(normalize(trimmed), Set.of());
    if (candidates.size() == 1) {
      return Optional.of(candidates.iterator().next());
    }
    return Optional.ofNullable(aliases.get(normalize(trimmed)));
  }

  private String follow(String id) {
    return Alias.follow(renames, id);
  }

  /** {@code Qwen/Qwen1.5-14B-Chat}, {@code qwen1.5-14b-chat} and {@code Qwen1_5 14B Chat} all become {@code qwen1514bchat}. */
  static String normalize(String name) {
    String bare = name.substring(name.lastIndexOf('/') + 1);
    StringBuilder out = new StringBuilder();
    for (char c : bare.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
