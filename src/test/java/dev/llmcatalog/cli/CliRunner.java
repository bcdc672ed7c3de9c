package dev.llmcatalog.cli;

import dev.llmcatalog.app.World;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.testsupport.FakeTime;
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
    // A fake fetch time: a retry or a rate limit waits nothing, whatever the server asks.
    int code = Cli.execute(new Cli.Context(new World(new Environment(env), clock, new FakeTime()), new PrintWriter(out),
        new PrintWriter(err)), args);
    return new Result(code, out.toString(), err.toString());
  }
}
