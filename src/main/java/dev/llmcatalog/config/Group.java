package dev.llmcatalog.config;

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
}
