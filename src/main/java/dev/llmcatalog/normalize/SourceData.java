package dev.llmcatalog.normalize;

import java.util.List;

/** Everything one successful fetch of a source produced: the full state it observed. */
public record SourceData(List<Observation> observations, List<MissingModel> missing, List<Alias> aliases) {
  public SourceData {
    observations = List.copyOf(observations);
    missing = List.copyOf(missing);
    aliases = List.copyOf(aliases);
  }

  public long subjects() {
    return observations.stream().map(Observation::subject).distinct().count();
  }
}
