package dev.llmcatalog.normalize;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    Set<String> subjects = new HashSet<>();
    String previous = null;
    for (Observation o : observations) {
      if (o.subject() != previous) { // a model's values come together and share its id: skip the lookup
        subjects.add(o.subject());
        previous = o.subject();
      }
    }
    return subjects.size();
  }
}
