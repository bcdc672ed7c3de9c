package dev.llmcatalog.normalize;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one successful fetch of a source produced: the full state it observed. {@code dataDate}
 * is the date the upstream gives for its data (ISO date or date-time), or null when it gives none.
 * {@code withoutData} names the models the source looked up and found no data for, so that the sync can tell a
 * model that never had data from one whose data vanished; a source read from several places names a model whose
 * place is empty even when another place still gives it values (the sync then looks for values that are gone). {@code kept} names the parts (variants) of the state the
 * source could not read this time: their current values are carried over unchanged and the snapshot is partial.
 * {@code unlisted}, when not null, says that the variants are parts the upstream lists (a board's editions), so that
 * one the last good snapshot had and this data lacks is a part no longer listed, not data to remove.
 */
public record SourceData(List<Observation> observations, List<MissingModel> missing, List<Alias> aliases,
    String dataDate, List<String> withoutData, List<Kept> kept, Unlisted unlisted) {
  public SourceData {
    observations = List.copyOf(observations);
    missing = List.copyOf(missing);
    aliases = List.copyOf(aliases);
    withoutData = List.copyOf(withoutData);
    kept = List.copyOf(kept);
  }

  /**
   * A part of a source's state that could not be read this time, and why: the values of {@code variant} stay as the
   * previous snapshot had them. {@code label} names it for people, e.g. {@code edition 24-05}. A part kept for a
   * reason that is no failure ({@code partial} false: a gated board read without a token, which the source has
   * already told the user how to fix) keeps its values without making the snapshot partial.
   */
  public record Kept(String variant, String label, String reason, boolean partial) {
    public Kept {
      Objects.requireNonNull(variant, "variant == null");
      Objects.requireNonNull(label, "label == null");
      Objects.requireNonNull(reason, "reason == null");
    }

    /** A part that failed: the snapshot is partial. */
    public Kept(String variant, String label, String reason) {
      this(variant, label, reason, true);
    }
  }

  /**
   * How to name a part no longer listed: a variant of the source's last good snapshot that this data neither observed
   * nor {@linkplain #kept kept}. Its values are kept and the snapshot is partial, the part named
   * {@code <kind> <variant>: <reason>}, because an upstream that stops listing a part (an edition of a board) has
   * changed silently: the data may come back, or the part was retired. Only {@code sync --accept-shrink} lets its
   * values close.
   */
  public record Unlisted(String kind, String reason) {
    public Unlisted {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  public SourceData(List<Observation> observations, List<MissingModel> missing, List<Alias> aliases, String dataDate) {
    this(observations, missing, aliases, dataDate, List.of(), List.of(), null);
  }

  public SourceData(List<Observation> observations, List<MissingModel> missing, List<Alias> aliases) {
    this(observations, missing, aliases, null);
  }

  /** Scores only: no missing models, no aliases. */
  public static SourceData of(List<Observation> observations, String dataDate) {
    return new SourceData(observations, List.of(), List.of(), dataDate);
  }

  /** This data, also naming the models looked up that had no data. */
  public SourceData withoutData(List<String> models) {
    return new SourceData(observations, missing, aliases, dataDate, models, kept, unlisted);
  }

  /** This data, also naming the parts that could not be read (their previous values are kept). */
  public SourceData keeping(List<Kept> parts) {
    return new SourceData(observations, missing, aliases, dataDate, withoutData, parts, unlisted);
  }

  /** This data, its variants declared parts the upstream lists: one no longer listed is kept as {@link Unlisted} says. */
  public SourceData keepingUnlisted(String kind, String reason) {
    return new SourceData(observations, missing, aliases, dataDate, withoutData, kept, new Unlisted(kind, reason));
  }

  /** This data with other observations (the same models looked up, the same parts kept). */
  public SourceData withObservations(List<Observation> replaced) {
    return new SourceData(replaced, missing, aliases, dataDate, withoutData, kept, unlisted);
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
