package dev.llmcatalog.normalize;

import java.util.List;

/**
 * Everything one successful fetch of a source produced: the full state it observed. {@code dataDate}
 * is the date the upstream gives for its data (ISO date or date-time), or null when it gives none.
 */
public record SourceData(List<Observation> observations, List<MissingModel> missing, List<Alias> aliases,
    String dataDate) {
  public SourceData {
    observations = List.copyOf(observations);
    missing = List.copyOf(missing);
    aliases = List.copyOf(aliases);
  }

  public SourceData(List<Observation> observations, List<MissingModel> missing, List<Alias> aliases) {
    this(observations, missing, aliases, null);
  }

  /** Scores only: no missing models, no aliases. */
  public static SourceData of(List<Observation> observations, String dataDate) {
    return new SourceData(observations, List.of(), List.of(), dataDate);
  }

  public long subjects() {
    return observations.stream().map(Observation::subject).distinct().count();
  }
}
