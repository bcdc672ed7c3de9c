package dev.llmcatalog.cli;

import dev.llmcatalog.Version;
import dev.llmcatalog.app.SyncService;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.EndpointSpec;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.store.DbLocation;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
    name = "llm-catalog",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class,
    description = "Keeps a catalog of large language models true: syncs Hugging Face Hub metadata and"
        + " leaderboard scores into snapshots (SQLite, or PostgreSQL), diffs them and regenerates the catalog markdown for"
        + " review.",
    footerHeading = "%nEnvironment:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok",
        "1:failure; for render --check and diff --exit-code: there are changes",
        "2:usage or config error",
        "3:partial: some sources failed or read only some of their parts; what failed kept its previous data"})
final class RootCommand implements Runnable {
  /** The subcommands, in the order the help lists them; added by {@link #commandsFor}. */
  static final List<Class<?>> COMMANDS = List.of(SyncCommand.class, RenderCommand.class, ChartCommand.class,
      SnapshotsCommand.class, ModelsCommand.class, DiffCommand.class, PublishCommand.class, ImportCommand.class,
      GcCommand.class, DaemonCommand.class, StatusCommand.class, CopyCommand.class, BenchmarksCommand.class);

  final Cli.Context context;

  @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Catalog config (default: ${DEFAULT-VALUE}).", defaultValue = "config/catalog.yaml")
  Path config;

  /** Where the data lives when neither {@code --db} nor {@code LLM_CATALOG_DB} says. */
  static final String DEFAULT_DB = "db/catalog.db";

  @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "FILE|URL",
      description = "The database: an SQLite file, created on first use, or jdbc:postgresql://HOST:PORT/DATABASE (user"
          + " and password as ?user=NAME&password=SECRET or in PGUSER and PGPASSWORD) (default: $LLM_CATALOG_DB, else "
          + DEFAULT_DB + ").")
  String db;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Debug logging, and stack traces on errors.")
  boolean verbose;

  @picocli.CommandLine.Spec
  CommandSpec spec;

  RootCommand(Cli.Context context) {
    this.context = context;
  }

  /** The database location given: {@code --db}, else {@code LLM_CATALOG_DB}, else {@link #DEFAULT_DB}. */
  String dbLocation() {
    return db != null ? db : context.env().find("LLM_CATALOG_DB").orElse(DEFAULT_DB);
  }

  /** The database as messages name it: never with its password. */
  DbLocation location() {
    return DbLocation.parse(dbLocation(), context.env());
  }

  /** The snapshot store of a one-shot command, on {@link #dbLocation}. */
  SnapshotStore openStore() {
    return Stores.openSnapshots(dbLocation(), context.env(), context.clock());
  }

  /** Every store of {@link #dbLocation}, with room for {@code connections} PostgreSQL connections at once. */
  Stores openStores(int connections) {
    return Stores.open(dbLocation(), context.env(), context.clock(), connections);
  }

  /**
   * The subcommands to build for {@code args}: only the one they name, since picocli builds each one's model from its
   * annotations (all of them took 8-36 ms in a JVM that had run a few commands, 640 ms in a new one); all of them when
   * no command is named, when the root's help or version is asked for, when an option's value is a command's name, or
   * when a word is not understood here, so that the help lists every command and picocli reports a wrong one as before.
   *
   * @param spec the root's model, whose options (given before the command) are skipped with their values
   */
  static List<Class<?>> commandsFor(CommandSpec spec, String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        return named(arg).<List<Class<?>>>map(List::of).orElse(COMMANDS);
      }
      int equals = arg.indexOf('=');
      OptionSpec option = spec.findOption(arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg);
      if (option == null || option.usageHelp() || option.versionHelp()) {
        return COMMANDS; // "--" among them
      }
      if (option.arity().max() > 0 && equals < 0) {
        if (++i < args.length && named(args[i]).isPresent()) {
          return COMMANDS; // picocli refuses a command's name as an option's value: it must know them all to say so
        }
      }
    }
    return COMMANDS;
  }

  /** The command called {@code word}, if one is. */
  private static Optional<Class<?>> named(String word) {
    return COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(word)).findFirst();
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
    lines.add(String.format(Locale.ROOT, "  %-28s %s", "LLM_CATALOG_DB", "the database when --db is not given"));
    lines.add(String.format(Locale.ROOT, "  %-28s %s", "PGUSER, PGPASSWORD", "PostgreSQL user and password when the --db URL"
        + " has none"));
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
