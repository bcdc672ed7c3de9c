package dev.llmcatalog.cli;

import dev.llmcatalog.Version;
import dev.llmcatalog.app.SyncPipeline;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigException;
import dev.llmcatalog.format.CsvException;
import dev.llmcatalog.normalize.Resolved;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.opencompass.SummaryCsvParser;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Store the scores of a local evaluation as one snapshot of source opencompass-local;"
        + " the file replaces the previous import.")
final class ImportCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ImportCommand.class);

  /** The formats FILE may be in. */
  enum Format { opencompass }

  @ParentCommand
  RootCommand root;

  @Parameters(index = "0", paramLabel = "FORMAT",
      description = "What FILE is: opencompass (the CSV OpenCompass's summarizer writes, summary_<time>.csv).")
  Format format;

  @Parameters(index = "1", paramLabel = "FILE", description = "The file to import.")
  Path file;

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    SourceData data = read(file);
    try (SnapshotStore store = root.openStore()) {
      Instant started = root.context.clock().instant();
      // Resolved like a synced board, so imported models line up with the catalog's Hub ids.
      Resolved resolved = Resolved.of(data, SyncPipeline.resolver(config, store));
      long run = store.beginRun(Version.get());
      SnapshotInfo snapshot = store.writeSnapshot(run, SummaryCsvParser.SOURCE, started, resolved.data(),
          resolved.unresolved());
      store.finishRun(run);
      if (!resolved.unresolved().isEmpty()) {
        log.info("{}: {} model names not resolved to a Hub id: {}", SummaryCsvParser.SOURCE, resolved.unresolved().size(),
            String.join(", ", resolved.unresolved()));
      }
      root.context.out().printf("%s: imported %d values for %d models from %s (snapshot %d)%n", SummaryCsvParser.SOURCE,
          data.observations().size(), snapshot.subjects(), file, snapshot.id());
      return ExitCodes.OK;
    }
  }

  /** The file's scores; anything wrong with it is the user's to fix, so it is a one-line error naming file and line. */
  static SourceData read(Path file) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": no such file");
    } catch (CharacterCodingException e) {
      throw new ConfigException(name + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage());
    }
    try {
      return SummaryCsvParser.parse(text, String.valueOf(file.getFileName()),
          file.toAbsolutePath().normalize().toUri().toString());
    } catch (CsvException e) {
      throw new ConfigException(e.line() > 0 ? name + ":" + e.line() + ": " + e.reason() : name + ": " + e.reason());
    }
  }
}
