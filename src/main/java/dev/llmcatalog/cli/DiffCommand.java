package dev.llmcatalog.cli;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.diff.DiffFormats;
import dev.llmcatalog.diff.SourceDiff;
import dev.llmcatalog.diff.StoreDiffer;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Show what changed upstream between two runs (default: each source's previous and latest"
        + " successful snapshot). Failed fetches are never compared, so they never show as removals.")
final class DiffCommand implements Callable<Integer> {
  enum Format { text, markdown, json }

  @ParentCommand
  RootCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FROM", description = "Run id to compare from (the RUN column of `snapshots`; an id that is no run is exit 2).")
  Long from;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TO", description = "Run id to compare to (default: latest).")
  Long to;

  @Option(names = "--source", paramLabel = "S", description = "Only this source.")
  String source;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--exit-code", description = "Exit 1 when there are changes, like git diff --exit-code.")
  boolean exitCode;

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    List<String> sources = config.storedSources();
    if (source != null) {
      if (!sources.contains(source)) {
        throw new ParameterException(root.spec.commandLine(),
            "unknown source '" + source + "' (known here: " + String.join(", ", sources) + ")");
      }
      sources = List.of(source);
    }
    List<SourceDiff> diffs;
    try (SnapshotStore store = root.openStore()) {
      checkRunsExist(store);
      diffs = new StoreDiffer(store, config.review().counterThreshold(), config.tables())
          .diff(sources, from == null ? OptionalLong.empty() : OptionalLong.of(from), to == null ? OptionalLong.empty() : OptionalLong.of(to));
    }
    root.context.out().print(switch (format) {
      case text -> diffs.isEmpty() ? "nothing to compare: each source needs two successful snapshots\n"
          : DiffFormats.text(diffs, root.context.terminal() && !root.context.env().find("NO_COLOR").isPresent());
      case markdown -> DiffFormats.markdown(diffs);
      case json -> DiffFormats.json(diffs);
    });
    boolean changed = diffs.stream().anyMatch(d -> !d.changes().isEmpty());
    return exitCode && changed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /** A run id that names no run is a mistake (a snapshot id, a typo, another database), not "nothing to compare". */
  private void checkRunsExist(SnapshotStore store) {
    SortedSet<Long> runs = store.listSnapshots().stream().map(SnapshotInfo::runId).collect(Collectors.toCollection(TreeSet::new));
    List<String> unknown = Stream.of(from, to).filter(id -> id != null && !runs.contains(id)).distinct().map(String::valueOf)
        .toList();
    if (!unknown.isEmpty()) {
      throw new ParameterException(root.spec.commandLine(), "no run " + String.join(" or ", unknown) + " in " + root.location() + ": "
          + (runs.isEmpty() ? "it has no runs yet (run llm-catalog sync)" : "its runs are " + ranges(runs) + " (see llm-catalog snapshots)"));
    }
  }

  /** {@code 1-7, 9, 11-14}. */
  static String ranges(SortedSet<Long> ids) {
    List<String> parts = new ArrayList<>();
    Long start = null;
    Long last = null;
    for (long id : ids) {
      if (start != null && id != last + 1) {
        parts.add(start.equals(last) ? start.toString() : start + "-" + last);
        start = null;
      }
      if (start == null) {
        start = id;
      }
      last = id;
    }
    if (start != null) {
      parts.add(start.equals(last) ? start.toString() : start + "-" + last);
    }
    return String.join(", ", parts);
  }
}
