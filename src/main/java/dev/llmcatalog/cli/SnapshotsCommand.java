package dev.llmcatalog.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "snapshots", mixinStandardHelpOptions = true,
    description = "List snapshots: id, run, source, time, status and counts, oldest first.")
final class SnapshotsCommand implements Callable<Integer> {
  private static final String FORMAT = "%-4s  %-4s  %-12s  %-24s  %-6s  %6s  %7s  %6s  %6s  %s%n";

  @ParentCommand
  RootCommand root;

  @Mixin
  OutputFormat format;

  @Override
  public Integer call() {
    try (SnapshotStore store = root.openStore()) {
      List<SnapshotInfo> snapshots = store.listSnapshots();
      PrintWriter out = root.context.out();
      if (format.json()) {
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("snapshots");
        snapshots.forEach(s -> Json.putSnapshot(list.addObject(), s));
        Json.print(out, json);
        return ExitCodes.OK;
      }
      if (snapshots.isEmpty()) {
        out.println("no snapshots yet: run `llm-catalog sync`");
        return ExitCodes.OK;
      }
      out.printf(FORMAT, "ID", "RUN", "SOURCE", "FINISHED", "STATUS", "MODELS", "MISSING", "ADDED", "CLOSED", "ERROR");
      for (SnapshotInfo s : snapshots) {
        out.printf(FORMAT, s.id(), s.runId(), s.source(), s.finishedAt(), s.status(), s.subjects(), s.missing(), s.valuesAdded(),
            s.valuesClosed(), s.error() != null ? s.error() : s.warning() != null ? "partial: " + s.warning() : "");
      }
      return ExitCodes.OK;
    }
  }
}
