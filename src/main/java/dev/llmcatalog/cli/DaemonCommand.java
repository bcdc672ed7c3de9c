package dev.llmcatalog.cli;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.daemon.Daemon;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "daemon", mixinStandardHelpOptions = true,
    description = {"Keep syncing on the config's schedules until SIGTERM or SIGINT (Ctrl-C), then stop cleanly (exit 0).",
        "On SQLite one daemon per database; `sync` and `status` work beside it. On PostgreSQL every daemon of the"
        + " database is a node of one cluster: each source runs on one node at a time, and the jobs of a node that stops"
        + " checking in (killed, hung) go to the others."})
final class DaemonCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Spec
  CommandSpec spec;

  @Option(names = "--cluster",
      description = "Join the other daemons of the database as one cluster: what every daemon on PostgreSQL does; on"
          + " SQLite an error (exit 2), as SQLite cannot share a schedule.")
  boolean cluster;

  @Option(names = "--checkin-interval", paramLabel = "SECONDS",
      description = "How often this node checks in with the cluster (PostgreSQL); a node silent for about three"
          + " intervals has its jobs taken over by the others (default: 5).")
  Integer checkin;

  @Override
  public Integer call() throws InterruptedException {
    if (checkin != null && checkin < 1) {
      throw new ParameterException(spec.commandLine(), "--checkin-interval must be at least 1 second, got " + checkin);
    }
    CatalogConfig config = root.loadConfig();
    Daemon.Cluster defaults = Daemon.Cluster.defaults();
    Daemon daemon = Daemon.start(config, root.location(), root.context.world(), new Daemon.Cluster(
        cluster || checkin != null, checkin == null ? defaults.checkin() : Duration.ofSeconds(checkin)));
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
