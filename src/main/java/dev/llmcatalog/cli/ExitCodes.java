package dev.llmcatalog.cli;

/** The exit codes of every command, as design.md defines them. */
final class ExitCodes {
  static final int OK = 0;
  /** A failure; for {@code render --check} and {@code diff --exit-code}: there are changes. */
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int PARTIAL = 3;

  private ExitCodes() {}
}
