package dev.llmcatalog.cli;

import dev.llmcatalog.config.Environment;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** The {@code llm-catalog} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(Cli.execute(new Cli.Context(Environment.system(), Clock.systemUTC(), out, err, System.console() != null), args));
  }
}
