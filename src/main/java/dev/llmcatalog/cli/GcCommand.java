package dev.llmcatalog.cli;

import dev.llmcatalog.store.SnapshotStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "gc", mixinStandardHelpOptions = true,
    description = "Prune the raw archive: keep the fetch log of the last N runs that fetched and the bodies it"
        + " references; delete the rest. Snapshots are never touched.")
final class GcCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Spec
  CommandSpec spec;

  @Option(names = "--keep", paramLabel = "N", required = true, description = "Runs whose archive to keep (at least 1).")
  int keep;

  @Override
  public Integer call() {
    if (keep < 1) {
      throw new ParameterException(spec.commandLine(), "--keep must be at least 1, got " + keep);
    }
    try (SnapshotStore store = root.openStore()) {
      SnapshotStore.Pruned pruned = store.gc(keep);
      root.context.out().printf("kept the archive of %d runs; removed %d fetch log rows, %d URLs and %d bodies (%d bytes"
          + " compressed)%n", pruned.runsKept(), pruned.fetchesRemoved(), pruned.urlsRemoved(), pruned.bodiesRemoved(),
          pruned.bytesRemoved());
      return ExitCodes.OK;
    }
  }
}
