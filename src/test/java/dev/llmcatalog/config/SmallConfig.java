package dev.llmcatalog.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.testsupport.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small valid config (seven lines) followed by the section a test is about, in the test's folder. */
final class SmallConfig {
  static final String BASE = """
      front_matter:
        title: "AI 大模型"
      groups:
        - id: slm
          models:
            - microsoft/phi-2
      sources: [hub, arena]
      """;

  private SmallConfig() {}

  static Path write(Path dir, String section) throws IOException {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, BASE + section);
    return file;
  }

  /** The one-line error of loading it. */
  static String errorOf(Path dir, String section) throws IOException {
    Path file = write(dir, section);
    return assertThatThrownBy(() -> TestConfigs.load(file)).isInstanceOf(ConfigException.class).actual().getMessage();
  }
}
