package dev.llmcatalog.source.hubbench;

/** One official benchmark dataset as the Hub lists it; null fields were absent. */
public record Benchmark(String id, String lastModified, Long likes, Long downloads, String gated) {}
