package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.format.Mappers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 16: each `--format json` example of docs/commands.md has the shape (keys, order, nesting) the command prints. */
class DocumentedJsonTest {
  private static final Pattern EXAMPLE = Pattern.compile("```\n\\$ llm-catalog ([^\n]+)\n(\\{.*?\n\\})\n```", Pattern.DOTALL);

  @RegisterExtension
  final CliHarness cli = new CliHarness();

  @Test
  void everyExampleHasTheShapeOfTheRealOutput() throws Exception {
    Map<String, String> examples = new java.util.LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(Files.readString(Path.of("docs/commands.md")));
    while (m.find()) {
      examples.put(m.group(1), m.group(2));
    }
    assertThat(examples).containsOnlyKeys("sync --source hub --format json", "models --format json", "status --format json",
        "benchmarks --format json");

    for (Map.Entry<String, String> e : examples.entrySet()) {
      CliRunner.Result real = cli.run(e.getKey().split(" "));
      assertThat(real.exitCode()).as(e.getKey() + ": " + real.err()).isZero();
      assertThat(shape(Mappers.JSON.readTree(e.getValue()))).as(e.getKey())
          .isEqualTo(shape(Mappers.JSON.readTree(real.out())));
    }
  }

  /** The field names of every object, depth first, arrays by their first element. */
  private static List<String> shape(JsonNode node) {
    List<String> paths = new ArrayList<>();
    walk(node, "", paths);
    return paths;
  }

  private static void walk(JsonNode node, String path, List<String> paths) {
    if (node.isArray() && !node.isEmpty()) {
      walk(node.get(0), path + "[]", paths);
    } else if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        paths.add(path + "." + name);
        walk(node.get(name), path + "." + name, paths);
      }
    }
  }
}
