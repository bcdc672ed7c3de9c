package dev.llmcatalog.cli;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.daemon.Daemon;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "daemon", mixinStandardHelpOptions = true,
    description = {"Keep syncing on the config's schedules until SIGTERM or SIGINT (Ctrl-C), then stop cleanly (exit 0).",
        "One daemon per database; `sync` and `status` work beside it."})
final class DaemonCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Override
  public Integer call() throws InterruptedException {
    CatalogConfig config = root.loadConfig();
    Daemon daemon = Daemon.start(config, root.db, root.context.world());
    Thread hook = new Thread(() -> {
      daemon.stop();
      root.context.out().flush();
      root.context.err().flush();
      // The JVM would exit 143 after SIGTERM (130 after SIGINT); a clean stop is a success, so end with 0 here.
      Runtime.getRuntime().halt(ExitCodes.OK);
    }, "llm-catalog-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    daemon.awaitStopped();
    return ExitCodes.OK;
  }
}
