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
    List<String> tags,
    List<EvalResult> evalResults) {

  HubModel {
    tags = List.copyOf(tags);
    evalResults = List.copyOf(evalResults);
  }

  OptionalLong parameterCount() {
    return parameters == null ? OptionalLong.empty() : OptionalLong.of(parameters);
  }
}
