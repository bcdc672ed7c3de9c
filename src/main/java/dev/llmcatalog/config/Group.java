package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One group of models in the catalog (SLM, LLM, ...): either listed by hand ({@code models}) or the result
 * of a Hub query ({@code top}), or both.
 */
public record Group(String id, String title, List<String> models, Optional<TopQuery> top) {
  public Group {
    models = List.copyOf(models);
  }

  @JsonCreator
  static Group bind(@JsonProperty("id") String id, @JsonProperty("title") String title,
      @JsonProperty("models") List<String> models, @JsonProperty("top") TopQuery top) {
    String checked = Check.id(Check.required(id, "id"), "group");
    List<String> ids = Check.modelIds(models, "models");
    if (ids.isEmpty() && top == null) {
      throw new ConfigInvalid("", "group '" + checked + "' needs 'models' or 'top'");
    }
    return new Group(checked, Check.orDefault(title, checked), ids, Optional.ofNullable(top));
  }
}
