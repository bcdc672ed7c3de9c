package dev.llmcatalog.cli;

import dev.llmcatalog.Version;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
    name = "llm-catalog",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class,
    description = "Keeps a catalog of large language models true: syncs Hugging Face Hub metadata and"
        + " leaderboard scores into SQLite snapshots, diffs them and regenerates the catalog markdown for review.",
    subcommands = {SyncCommand.class, RenderCommand.class, SnapshotsCommand.class, ModelsCommand.class, DiffCommand.class,
        PublishCommand.class, ImportCommand.class, GcCommand.class, DaemonCommand.class, StatusCommand.class},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  HF_ENDPOINT   Hub base URL (default https://huggingface.co)",
        "  HF_TOKEN      Hub token, sent to the Hub only (or HUGGING_FACE_HUB_TOKEN)",
        "  HTTPS_PROXY   http://host:port proxy for every request",
        "  LLM_CATALOG_DATASETS_SERVER, LLM_CATALOG_OPENCOMPASS_URL, LLM_CATALOG_OPENCOMPASS_CDN,",
        "  LLM_CATALOG_GITHUB_RAW, LLM_CATALOG_TABBY_URL: other upstreams",
        "  NO_COLOR      no colours in diff output, no progress bar (also TERM=dumb)"},
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
