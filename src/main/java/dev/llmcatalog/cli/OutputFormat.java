package dev.llmcatalog.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format text|json} of the commands whose output scripts read ({@code status}, {@code models},
 * {@code snapshots}, {@code sync}); docs/commands.md documents each JSON shape. A mixin, so the option reads the same
 * everywhere.
 */
final class OutputFormat {
  enum Format { text, json }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json (one JSON document on stdout, shape in docs/commands.md; default: ${DEFAULT-VALUE}).")
  Format format;

  boolean json() {
    return format == Format.json;
  }
}
