package dev.llmcatalog.app;

import dev.llmcatalog.chart.ChartFiles;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.diff.DiffFormats;
import dev.llmcatalog.diff.SourceDiff;
import dev.llmcatalog.diff.StoreDiffer;
import dev.llmcatalog.diff.TextDiff;
import dev.llmcatalog.render.CatalogFile;
import dev.llmcatalog.render.CatalogRenderer;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.store.StateReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a sync that changed data: the updated catalog, its unified diff against what readers last saw
 * (the published catalog, else the previous file), and a short markdown summary of the upstream changes
 * since the last publication. A person reviews these before {@code llm-catalog publish}.
 */
public final class ReviewArtifacts {
  private static final Logger log = LoggerFactory.getLogger(ReviewArtifacts.class);
  /** What was written; {@code catalogChanged} tells whether the catalog text changed; {@code charts}: charts rewritten. */
  public record Written(Path catalog, Path diff, Path summary, boolean catalogChanged, List<Path> charts) {
    public Written {
      charts = List.copyOf(charts);
    }
  }

  private final CatalogConfig config;
  private final SnapshotStore store;

  public ReviewArtifacts(CatalogConfig config, SnapshotStore store) {
    this.config = config;
    this.store = store;
  }

  /** Writes the artifacts when {@code report} stored any change; empty otherwise. */
  public Optional<Written> writeIfChanged(SyncReport report) {
    boolean changed = report.snapshots().stream().anyMatch(s -> s.ok() && s.valuesAdded() + s.valuesClosed() > 0);
    if (!changed) {
      return Optional.empty();
    }
    long start = System.nanoTime();
    Path output = config.output();
    String before = CatalogFile.read(output);
    StateReader reader = new HeldStates(store, report.held()); // the states the sync has just written, from memory
    String after = new CatalogRenderer(config).render(reader, output);
    Optional<SnapshotStore.Publication> published = store.findPublication();
    String baseline = published.map(SnapshotStore.Publication::catalog).orElse(before);
    if (!after.equals(before)) {
      CatalogFile.write(output, after);
    }
    List<Path> charts = ChartFiles.write(config, reader, output);
    CatalogFile.write(config.review().diff(), TextDiff.unified(output.getFileName().toString(), baseline, after));
    CatalogFile.write(config.review().summary(), summary(report, published));
    log.debug("review files written in {} ms", (System.nanoTime() - start) / 1_000_000);
    return Optional.of(new Written(output, config.review().diff(), config.review().summary(), !after.equals(before),
        charts));
  }

  /**
   * What to send about a run that changed nothing but where sources failed or were partial (no summary file is
   * written then): those sources and why, as in the summary.
   */
  public static String problemsNote(SyncReport report) {
    long run = report.snapshots().isEmpty() ? 0 : report.snapshots().get(0).runId();
    StringBuilder out = new StringBuilder("# llm-catalog sync\n\nRun ").append(run).append(" changed no data.\n\n");
    appendProblems(out, report);
    return out.toString();
  }

  private static void appendProblems(StringBuilder out, SyncReport report) {
    for (SnapshotInfo s : report.snapshots()) {
      if (!s.ok()) {
        out.append("- **").append(s.source()).append(" failed** (its previous data was kept): ")
            .append(s.error().replace("\n", " ")).append('\n');
      } else if (s.partial()) {
        out.append("- **").append(s.source()).append(" partial** (previous data kept for ")
            .append(s.warning().replace("\n", " ")).append(")\n");
      }
    }
    if (report.snapshots().stream().anyMatch(s -> !s.ok() || s.partial())) {
      out.append('\n');
    }
  }

  private String summary(SyncReport report, Optional<SnapshotStore.Publication> published) {
    StringBuilder out = new StringBuilder("# llm-catalog review\n\n");
    long run = report.snapshots().isEmpty() ? 0 : report.snapshots().get(0).runId();
    out.append(published.map(p -> "Changes since the published catalog (run " + p.runId() + ", published " + p.publishedAt()
        + ") up to run " + run + ".").orElse("Changes of run " + run + " (nothing published yet).")).append("\n\n");
    appendProblems(out, report);
    // Since a publication: every source. Without one, "changes of run N" are those of the sources this run synced
    // (a sync --source or a daemon job syncs some only; the others' last change belongs to an earlier run).
    List<String> sources = published.isPresent() ? config.storedSources() : config.storedSources().stream()
        .filter(source -> report.snapshots().stream().anyMatch(s -> s.ok() && s.source().equals(source))).toList();
    List<SourceDiff> diffs = new StoreDiffer(store, config.review().counterThreshold(), config.tables())
        .diff(sources, published.map(p -> OptionalLong.of(p.runId())).orElse(OptionalLong.empty()), OptionalLong.empty());
    boolean none = diffs.stream().allMatch(d -> d.changes().isEmpty());
    out.append(none ? "No upstream changes worth reviewing.\n\n" : DiffFormats.markdown(diffs));
    out.append("Catalog diff: `").append(config.review().diff().getFileName()).append("`.\n");
    return out.toString();
  }
}
