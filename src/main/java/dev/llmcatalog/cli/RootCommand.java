package dev.llmcatalog.cli;

import dev.llmcatalog.Version;
import dev.llmcatalog.app.SyncService;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.EndpointSpec;
import dev.llmcatalog.source.Sources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
    name = "llm-catalog",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class,
    description = "Keeps a catalog of large language models true: syncs Hugging Face Hub metadata and"
        + " leaderboard scores into SQLite snapshots, diffs them and regenerates the catalog markdown for review.",
    subcommands = {SyncCommand.class, RenderCommand.class, ChartCommand.class, SnapshotsCommand.class, ModelsCommand.class, DiffCommand.class,
        PublishCommand.class, ImportCommand.class, GcCommand.class, DaemonCommand.class, StatusCommand.class},
    footerHeading = "%nEnvironment:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok",
        "1:failure; for render --check and diff --exit-code: there are changes",
        "2:usage or config error",
        "3:partial: some sources failed or read only some of their parts; what failed kept its previous data"})
final class RootCommand implements Runnable {
  final Cli.Context context;

  @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Catalog config (default: ${DEFAULT-VALUE}).", defaultValue = "config/catalog.yaml")
  Path config;

  @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "SQLite database, created on first use (default: ${DEFAULT-VALUE}).", defaultValue = "db/catalog.db")
  Path db;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Debug logging, and stack traces on errors.")
  boolean verbose;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  RootCommand(Cli.Context context) {
    this.context = context;
  }

  /** The environment variables {@code --help} lists: every source's endpoints (from the registry), then the others. */
  static String[] environmentHelp() {
    List<String> lines = new ArrayList<>();
    for (EndpointSpec e : Sources.known().endpoints()) {
      lines.add(String.format(Locale.ROOT, "  %-28s %s (default %s)", e.env(), e.what(), e.defaultUrl()));
    }
    lines.add(String.format(Locale.ROOT, "  %-28s %s", "HF_TOKEN", "Hub token, sent to the Hub and its dataset viewer only"
        + " (or HUGGING_FACE_HUB_TOKEN)"));
    lines.add(String.format(Locale.ROOT, "  %-28s %s", "HTTPS_PROXY", "http://host:port proxy for every request"));
    lines.add(String.format(Locale.ROOT, "  %-28s %s", "NO_COLOR", "no colours in diff output, no progress bar (also TERM=dumb)"));
    return lines.toArray(String[]::new);
  }

  /** The config of {@code --config}, checked against the sources of this build. */
  CatalogConfig loadConfig() {
    return SyncService.loadConfig(config);
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: see --help");
  }

  static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"llm-catalog " + Version.get()};
    }
  }
}
