package dev.llmcatalog.cli;

import dev.llmcatalog.store.Stores;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "copy", mixinStandardHelpOptions = true,
    description = {"Copy the whole history of the database (--db) into another, empty one, e.g. an SQLite file into"
        + " PostgreSQL: every run, snapshot and value (current and closed), publication, the raw archive and the"
        + " notification outbox, with their ids, so that diffs and renders stay the same. All of it or nothing; the"
        + " source is left as it was.",
        "Example: llm-catalog --db db/catalog.db copy --to jdbc:postgresql://db1:5432/catalog"})
final class CopyCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Option(names = "--to", required = true, paramLabel = "FILE|URL",
      description = "The database to copy into (created or migrated; it must hold no run yet).")
  String to;

  @Override
  public Integer call() {
    try (Stores from = root.openStores(Stores.COMMAND_CONNECTIONS);
        Stores target = Stores.open(to, root.context.env(), root.context.clock(), Stores.COMMAND_CONNECTIONS)) {
      Map<String, Long> copied = from.copyTo(target);
      root.context.out().println("copied " + from.location() + " into " + target.location() + ": "
          + copied.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
      return ExitCodes.OK;
    }
  }
}
