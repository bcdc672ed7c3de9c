package dev.llmcatalog.cli;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.render.CatalogFile;
import dev.llmcatalog.store.SnapshotStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Record the current catalog as reviewed and published, so the next review summary lists the"
        + " changes since what readers saw.")
final class PublishCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Option(names = "--out", paramLabel = "FILE", description = "The catalog file (default: the config's output).")
  Path out;

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    Path catalog = out != null ? out : config.output();
    String text = CatalogFile.read(catalog);
    if (text.isEmpty()) {
      root.context.err().println("error: " + catalog + ": no catalog to publish (run `llm-catalog render` first)");
      return ExitCodes.USAGE;
    }
    try (SnapshotStore store = root.openStore()) {
      SnapshotStore.Publication p = store.publish(catalog.toString(), text);
      root.context.out().printf("published %s as of run %d (publication %d)%n", catalog, p.runId(), p.id());
    }
    return ExitCodes.OK;
  }
}
