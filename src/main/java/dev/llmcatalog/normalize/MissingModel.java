package dev.llmcatalog.normalize;

/** A model the config asks for that the upstream says does not exist (or is private): HTTP status and error code. */
public record MissingModel(String modelId, int status, String errorCode) {}
