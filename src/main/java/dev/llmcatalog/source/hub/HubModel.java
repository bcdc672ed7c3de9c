package dev.llmcatalog.source.hub;

import java.util.List;
import java.util.OptionalLong;

/** The metadata llm-catalog keeps of one Hub model; null fields were absent or null upstream. */
record HubModel(
    String id,
    String sha,
    String lastModified,
    String createdAt,
    Long downloads,
    Long likes,
    String license,
    String pipelineTag,
    String libraryName,
    Long parameters,
    String gated,
    List<String> tags) {

  HubModel {
    tags = List.copyOf(tags);
  }

  OptionalLong parameterCount() {
    return parameters == null ? OptionalLong.empty() : OptionalLong.of(parameters);
  }
}
