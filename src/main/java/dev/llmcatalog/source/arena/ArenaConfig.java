package dev.llmcatalog.source.arena;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmcatalog.config.ConfigInvalid;
import dev.llmcatalog.config.SectionSpec;
import java.util.regex.Pattern;

/**
 * The config's {@code arena} section: which LMArena board the source reads, a config of the Hub dataset
 * {@code lmarena-ai/leaderboard-dataset} (the Hub's "subset") and one category of it. The default is the board
 * lmarena.ai shows first, the style-controlled one, so that the catalog agrees with the page it links to.
 */
public record ArenaConfig(String subset, String category) {
  public static final String DEFAULT_SUBSET = "text_style_control";
  public static final String DEFAULT_CATEGORY = "overall";
  /** The names the dataset uses ({@code text_style_control}, {@code overall}, {@code hard_prompts}, ...). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  public static final SectionSpec<ArenaConfig> SECTION = new SectionSpec<>("arena", ArenaConfig.class, defaults());

  public ArenaConfig {
    check(subset, "subset");
    check(category, "category");
  }

  @JsonCreator
  static ArenaConfig bind(@JsonProperty("subset") String subset, @JsonProperty("category") String category) {
    return new ArenaConfig(subset == null ? DEFAULT_SUBSET : subset, category == null ? DEFAULT_CATEGORY : category);
  }

  public static ArenaConfig defaults() {
    return new ArenaConfig(DEFAULT_SUBSET, DEFAULT_CATEGORY);
  }

  private static void check(String name, String key) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigInvalid(key, "arena." + key + ": '" + name + "' is not a name of the dataset (letters, digits,"
          + " '_', '-', '.'; e.g. text_style_control, overall)");
    }
  }
}
