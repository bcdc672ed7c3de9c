package dev.llmcatalog.source.mteb;

/**
 * One main score as the upstream gives it: {@code task} on one split and subset, on the 0-100 scale
 * ({@code value}, canonical text) and as written upstream ({@code raw}, null when identical).
 *
 * @param variant where the score sits: {@code <revision folder>/<split>/<hf_subset>} in the results
 *     repository, {@code model-index/<split>/<config>} in a model card
 */
record MainScore(String task, String variant, String value, String raw) {}
