package dev.llmcatalog.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.llmcatalog.app.World;
import dev.llmcatalog.config.ConfigException;
import dev.llmcatalog.config.Environment;
import java.io.PrintWriter;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Builds the command line and maps every failure to one line on stderr and an exit code. */
public final class Cli {
  /** What a command may touch from the outside world; tests pass their own. */
  public record Context(World world, PrintWriter out, PrintWriter err, boolean terminal, boolean errTerminal) {
    /** Not on a terminal. */
    public Context(World world, PrintWriter out, PrintWriter err) {
      this(world, out, err, false, false);
    }

    public Environment env() {
      return world.env();
    }

    public Clock clock() {
      return world.clock();
    }
  }

  private Cli() {}

  public static int execute(Context context, String... args) {
    RootCommand root = new RootCommand(context);
    CommandLine cli = new CommandLine(root);
    RootCommand.commandsFor(cli.getCommandSpec(), args).forEach(cli::addSubcommand);
    cli.getCommandSpec().usageMessage().footer(RootCommand.environmentHelp());
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setExecutionStrategy(parseResult -> {
      configureLogging(root.verbose);
      return new CommandLine.RunLast().execute(parseResult);
    });
    // A bad flag or value is one line naming it, not the whole usage (which --help shows).
    cli.setParameterExceptionHandler((e, given) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage());
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (root.verbose) {
        e.printStackTrace(err);
      }
      if (e instanceof ConfigException) {
        err.println("error: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      err.println("error: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
      return ExitCodes.FAILURE;
    });
    int code = cli.execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  private static void configureLogging(boolean verbose) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.getLogger("dev.llmcatalog").setLevel(verbose ? Level.DEBUG : Level.INFO);
    }
  }
}
