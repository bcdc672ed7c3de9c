package dev.llmcatalog.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A source's data with every subject resolved to a Hub id where possible, and the names that were not. */
public record Resolved(SourceData data, List<String> unresolved) {
  public Resolved {
    unresolved = List.copyOf(unresolved);
  }

  /**
   * Rewrites subjects through {@code resolver}; unresolved subjects keep the board's name and are listed.
   * When several board names resolve to one model, each keeps its rows apart as a variant named after it.
   *
   * @throws IllegalArgumentException when the source itself reported one value twice
   */
  public static Resolved of(SourceData data, ModelResolver resolver) {
    Map<String, Optional<String>> ids = new LinkedHashMap<>();
    Map<String, Set<String>> namesById = new HashMap<>();
    for (Observation o : data.observations()) {
      ids.computeIfAbsent(o.subject(), name -> {
        Optional<String> id = resolver.resolve(name);
        id.ifPresent(i -> namesById.computeIfAbsent(i, k -> new HashSet<>()).add(name));
        return id;
      });
    }
    List<Observation> observations = new ArrayList<>(data.observations().size());
    TreeSet<String> unresolved = new TreeSet<>();
    for (Observation o : data.observations()) {
      Optional<String> id = ids.get(o.subject());
      Observation resolved = o;
      if (id.isEmpty()) {
        unresolved.add(o.subject());
      } else if (namesById.get(id.get()).size() > 1) {
        String variant = o.variant().isEmpty() ? o.subject() : o.variant() + " · " + o.subject();
        resolved = new Observation(id.get(), variant, o.key(), o.value(), o.raw(), o.url());
      } else if (!id.get().equals(o.subject())) {
        resolved = o.withSubject(id.get());
      }
      observations.add(resolved);
    }
    // duplicates found by sorting references, not with a set of a million keys (a 100,000-model Hub snapshot)
    Observation[] sorted = observations.toArray(Observation[]::new);
    Comparator<Observation> identity = Comparator.comparing(Observation::subject).thenComparing(Observation::variant)
        .thenComparing(Observation::key);
    Arrays.sort(sorted, identity);
    for (int i = 1; i < sorted.length; i++) {
      if (identity.compare(sorted[i - 1], sorted[i]) == 0) {
        Observation o = sorted[i];
        throw new IllegalArgumentException("the source reported " + o.key() + " of " + o.subject()
            + (o.variant().isEmpty() ? "" : " (" + o.variant() + ")") + " twice");
      }
    }
    return new Resolved(data.withObservations(observations),
        List.copyOf(unresolved));
  }
}
