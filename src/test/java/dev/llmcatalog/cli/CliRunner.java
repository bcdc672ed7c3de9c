package dev.llmcatalog.cli;

import dev.llmcatalog.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/** Runs the CLI in-process with a given environment, capturing stdout, stderr and the exit code. */
final class CliRunner {
  record Result(int exitCode, String out, String err) {}

  private final Map<String, String> env;
  private final Clock clock;

  CliRunner(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.execute(new Cli.Context(new Environment(env), clock, new PrintWriter(out), new PrintWriter(err)), args);
    return new Result(code, out.toString(), err.toString());
  }
}
