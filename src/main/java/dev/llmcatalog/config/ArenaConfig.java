package dev.llmcatalog.config;

import java.util.regex.Pattern;

/**
 * Which LMArena board the {@code arena} source reads: a config of the Hub dataset
 * {@code lmarena-ai/leaderboard-dataset} (the Hub's "subset") and one category of it. The default is the board
 * lmarena.ai shows first, the style-controlled one, so that the catalog agrees with the page it links to.
 */
public record ArenaConfig(String subset, String category) {
  public static final String DEFAULT_SUBSET = "text_style_control";
  public static final String DEFAULT_CATEGORY = "overall";
  /** The names the dataset uses ({@code text_style_control}, {@code overall}, {@code hard_prompts}, ...). */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  public ArenaConfig {
    for (String name : new String[] {subset, category}) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a config or category name: " + name);
      }
    }
  }

  public static ArenaConfig defaults() {
    return new ArenaConfig(DEFAULT_SUBSET, DEFAULT_CATEGORY);
  }
}
