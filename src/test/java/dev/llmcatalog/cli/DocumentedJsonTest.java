package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.testsupport.TestDatabase;
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
  /** How the examples that are about PostgreSQL begin; they run on {@link #postgres}. */
  private static final String ON_POSTGRESQL = "--db jdbc:postgresql://db1:5432/catalog ";

  @RegisterExtension
  final CliHarness cli = new CliHarness();
  @RegisterExtension
  final CliHarness postgres = new CliHarness(TestDatabase.Kind.POSTGRESQL);

  @Test
  void everyExampleHasTheShapeOfTheRealOutput() throws Exception {
    Map<String, String> examples = new java.util.LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(Files.readString(Path.of("docs/commands.md")));
    while (m.find()) {
      examples.put(m.group(1), m.group(2));
    }
    assertThat(examples).containsOnlyKeys("sync --source hub --format json", "models --format json", "status --format json",
        ON_POSTGRESQL + "status --format json");
    // a node, so that the list of nodes has the shape of one
    postgres.database().execute("INSERT INTO daemon_node(node, pid, host, started_at, heartbeat_at, heartbeat_seconds)"
        + " VALUES ('build-1:4242', 4242, 'build-1', '2026-11-26T08:00:00.000Z', '2026-11-26T09:59:58.000Z', 5)");

    for (Map.Entry<String, String> e : examples.entrySet()) {
      boolean onPostgresql = e.getKey().startsWith(ON_POSTGRESQL);
      String[] args = e.getKey().substring(onPostgresql ? ON_POSTGRESQL.length() : 0).split(" ");
      CliRunner.Result real = (onPostgresql ? postgres : cli).run(args);
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
