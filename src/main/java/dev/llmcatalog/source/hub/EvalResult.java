package dev.llmcatalog.source.hub;

/**
 * One entry of a model's {@code evalResults} (its {@code .eval_results/*.yaml} files): a result on a benchmark dataset
 * and task, {@code value} as served (canonical text; {@code raw} the served text when it differs, else null), and its
 * provenance; null fields were absent. {@code verified} comes from the Hub's wrapper of the entry when it gives one.
 */
record EvalResult(String dataset, String task, String value, String raw, String date, String sourceUrl, String notes,
    String verified) {}
