package dev.llmcatalog.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.config.EndpointSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The endpoint table of docs/config.md is the registry's: a source added or changed shows there, or this fails. */
class EndpointDocsTest {
  @Test
  void theDocsEndpointTableIsDerivedFromTheDescriptors() throws Exception {
    StringBuilder table = new StringBuilder("<!-- endpoints:begin -->\n| variable | `endpoints` key | default | what |\n"
        + "|---|---|---|---|\n");
    for (EndpointSpec e : Sources.known().endpoints()) {
      table.append("| `").append(e.env()).append("` | `").append(e.key()).append("` | `").append(e.defaultUrl())
          .append("` | ").append(e.what()).append(" |\n");
    }
    table.append("<!-- endpoints:end -->\n");
    String docs = Files.readString(Path.of("docs/config.md"));

    assertThat(docs).as("docs/config.md must hold exactly this table (paste it in)").contains(table);
  }

  @Test
  void everySourceNameIsUniqueAndEveryEndpointKeyHasOneSpec() {
    assertThat(Sources.ALL).extracting(SourceDescriptor::name).doesNotHaveDuplicates();
    assertThat(Sources.known().endpoints()).extracting(EndpointSpec::env).doesNotHaveDuplicates();
    Sources.ALL.forEach(d -> d.spec().endpoints().forEach(e -> assertThat(Sources.known().endpoints()).as(d.name())
        .contains(e)));
  }
}
