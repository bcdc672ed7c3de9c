package dev.llmcatalog.normalize;

/** {@code alias} (an old or differently spelled id) now names the model {@code modelId}. */
public record Alias(String alias, String modelId) {}
