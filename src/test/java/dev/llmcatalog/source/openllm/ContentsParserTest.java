package dev.llmcatalog.source.openllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentsParserTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void theModelCellsLinkTextIsTheName() {
    // The v1 Space's make_clickable_model: the model link, two spaces, the details-dataset link.
    String html = "<a target=\"_blank\" href=\"https://huggingface.co/01-ai/Yi-34B\" style=\"color: var(--link-text-color);"
        + " text-decoration: underline;text-decoration-style: dotted;\">01-ai/Yi-34B</a>  <a target=\"_blank\""
        + " href=\"https://huggingface.co/datasets/open-llm-leaderboard/details_01-ai__Yi-34B\">📑</a>";

    assertThat(ContentsParser.modelName(html)).contains("01-ai/Yi-34B");
  }

  @Test
  void aLinkWithoutTextGivesItsHrefPath() {
    assertThat(ContentsParser.modelName("<a href=\"https://huggingface.co/Qwen/Qwen1.5-7B-Chat\"> </a>"))
        .contains("Qwen/Qwen1.5-7B-Chat");
  }

  @Test
  void plainTextIsTakenAsIsAndNothingGivesNothing() {
    assertThat(ContentsParser.modelName(" tiiuae/falcon-7b ")).contains("tiiuae/falcon-7b");
    assertThat(ContentsParser.modelName("<a href=\"\"></a>")).isEmpty();
    assertThat(ContentsParser.modelName("")).isEmpty();
  }

  @Test
  void fullnameWinsOverTheModelLink() {
    Map<String, JsonNode> row = Map.of("fullname", NODES.textNode("a/b"), "Model", NODES.textNode("<a href=\"x\">c/d</a>"));

    assertThat(ContentsParser.subject(row)).isEqualTo(Optional.of("a/b"));
  }

  @Test
  void variantsArePrecisionAndShortShaAndFallBackToEvalName() {
    List<Map<String, JsonNode>> rows = List.of(
        row("float16", "125c431e2ff41a156b9f9076f744d2f35dd6e67a", "m_float16"),
        row("bfloat16", "125c431e2ff41a156b9f9076f744d2f35dd6e67a", "m_bfloat16"),
        row("4bit", "", "m_4bit"),
        row("float16", "abc", "x"),
        row("float16", "abc", "y"),
        row("float16", "abc", "y"));

    List<String> variants = ContentsParser.variants(rows, List.of("o/m", "o/m", "o/m", "o/n", "o/n", "o/n"));

    assertThat(variants).containsExactly("float16 125c431", "bfloat16 125c431", "4bit", "float16 abc x",
        "float16 abc y #1", "float16 abc y #2");
  }

  private static Map<String, JsonNode> row(String precision, String sha, String evalName) {
    return Map.of("Precision", NODES.textNode(precision), "Model sha", NODES.textNode(sha), "eval_name",
        NODES.textNode(evalName));
  }
}
