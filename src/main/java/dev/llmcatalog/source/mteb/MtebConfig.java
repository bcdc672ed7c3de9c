package dev.llmcatalog.source.mteb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmcatalog.config.ConfigInvalid;
import dev.llmcatalog.config.SectionSpec;

/** The config's {@code mteb} section: the group whose models the MTEB source reads scores for (default {@code embedding}). */
public record MtebConfig(String group) {
  public static final SectionSpec<MtebConfig> SECTION = new SectionSpec<>("mteb", MtebConfig.class, new MtebConfig("embedding"));

  public MtebConfig {
    if (group == null || group.isBlank()) {
      throw new ConfigInvalid("group", "mteb.group: expected the id of a group of the config");
    }
  }

  @JsonCreator
  static MtebConfig bind(@JsonProperty("group") String group) {
    return new MtebConfig(group == null ? SECTION.defaults().group() : group);
  }
}
