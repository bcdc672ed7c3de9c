package dev.llmcatalog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.source.arena.ArenaConfig;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private static final String VALID = """
      front_matter:
        title: "AI 大模型"
      groups:
        - id: slm
          title: SLM
          models:
            - microsoft/phi-2
            - Qwen/Qwen-1_8B-Chat
        - id: gguf
          title: GGUF
          top:
            author: TheBloke
            filter: gguf
      """;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private String errorOf(String yaml) throws Exception {
    Path file = write(yaml);
    return assertThatThrownBy(() -> TestConfigs.load(file)).isInstanceOf(ConfigException.class)
        .actual().getMessage();
  }

  @Test
  void theShippedConfigLoadsWithTheSeedModelsInOrder() {
    CatalogConfig config = TestConfigs.load(Path.of("config/catalog.yaml"));

    assertThat(config.groups()).extracting(Group::id).containsExactly("slm", "llm", "code", "embedding", "gguf");
    assertThat(config.findGroup("llm").orElseThrow().models()).containsExactly(
        "THUDM/chatglm3-6b", "Qwen/Qwen-7B-Chat", "deepseek-ai/deepseek-llm-7b-chat", "baichuan-inc/Baichuan2-7B-Chat",
        "baichuan-inc/Baichuan2-13B-Chat", "mistralai/Mixtral-8x7B-Instruct-v0.1", "01-ai/Yi-6B-Chat", "lmsys/vicuna-7b-v1.5");
    assertThat(config.listedModels()).hasSize(19);
    assertThat(config.findGroup("gguf").orElseThrow().top()).contains(new TopQuery("TheBloke", "gguf", "downloads", 10));
    assertThat(config.frontMatter()).isEqualTo(new FrontMatter("post", "AI 大模型", "2024-01-01 08:00:00 +0800",
        List.of("LLM", "Leaderboard"), List.of("LLM", "CodeLLM", "EmbeddingLLM", "Leaderboard")));
    assertThat(config.links()).extracting(LinkSection::title).containsExactly("LLM", "Code LLM", "Embedding LLM");
    assertThat(config.template()).isEqualTo(Path.of("config/catalog.template.md").toAbsolutePath());
    assertThat(config.output()).isEqualTo(Path.of("db/catalog.md").toAbsolutePath());
    assertThat(config.endpoints(new Environment(java.util.Map.of())).get("hub")).isEqualTo("https://huggingface.co");
    assertThat(config.endpoints(new Environment(java.util.Map.of("HF_ENDPOINT", "https://hf-mirror.com/"))).get("hub"))
        .isEqualTo("https://hf-mirror.com");
  }

  @Test
  void defaultsApply() throws Exception {
    CatalogConfig config = TestConfigs.load(write(VALID));
    assertThat(config.findGroup("gguf").orElseThrow().top()).contains(new TopQuery("TheBloke", "gguf", "downloads", 10));
    assertThat(config.frontMatter().layout()).isEqualTo("post");
    assertThat(config.template()).isEqualTo(dir.resolve("catalog.template.md"));
  }

  @Test
  void unknownKeyNamesTheKeyAndLine() throws Exception {
    assertThat(errorOf(VALID.replace("    title: SLM\n", "    title: SLM\n    colour: red\n")))
        .isEqualTo(dir.resolve("catalog.yaml") + ":6: unknown key 'colour' (expected one of id, models, title, top)");
  }

  @Test
  void badModelIdNamesTheLine() throws Exception {
    assertThat(errorOf(VALID.replace("microsoft/phi-2", "phi-2")))
        .endsWith("catalog.yaml:7: bad model id 'phi-2': expected org/name");
  }

  @Test
  void duplicateModelNamesBothLines() throws Exception {
    assertThat(errorOf(VALID.replace("Qwen/Qwen-1_8B-Chat", "Microsoft/phi-2")))
        .endsWith("catalog.yaml:8: duplicate model 'Microsoft/phi-2' (first at line 7)");
  }

  @Test
  void duplicateKeyIsAnError() throws Exception {
    assertThat(errorOf(VALID.replace("  title: \"AI 大模型\"\n", "  title: \"AI 大模型\"\n  title: again\n")))
        .endsWith("catalog.yaml:3: duplicate key 'title' (first at line 2)");
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() throws Exception {
    assertThat(errorOf(VALID.replace("  - id: gguf", "  - id: [gguf")))
        .matches(".*catalog\\.yaml:\\d+: YAML syntax error: .*");
  }

  @Test
  void wrongTypeIsReported() throws Exception {
    assertThat(errorOf(VALID.replace("    top:\n      author: TheBloke\n      filter: gguf\n",
        "    top: TheBloke\n"))).endsWith("catalog.yaml:11: top: expected a mapping, got a scalar");
  }

  @Test
  void badLimitIsReported() throws Exception {
    assertThat(errorOf(VALID + "      limit: lots\n"))
        .endsWith("catalog.yaml:14: limit: expected a whole number, got 'lots'");
    assertThat(errorOf(VALID + "      limit: 0\n")).endsWith("catalog.yaml:14: limit must be from 1 to 100000, got 0");
    assertThat(errorOf(VALID + "      limit: 2.5\n")).endsWith("catalog.yaml:14: limit: expected a whole number, got '2.5'");
  }

  @Test
  void validationMaxShrinkDefaultsToHalfAndIsReadAndChecked() throws Exception {
    assertThat(TestConfigs.load(write(VALID)).validation()).isEqualTo(new Validation(0.5));
    assertThat(TestConfigs.load(write(VALID + "validation:\n  max_shrink: 0.2\n")).validation()).isEqualTo(new Validation(0.2));
    assertThat(errorOf(VALID + "validation:\n  max_shrink: lots\n"))
        .endsWith("catalog.yaml:15: max_shrink: expected a number, got 'lots'");
    assertThat(errorOf(VALID + "validation:\n  max_shrink: 1.5\n")).contains("catalog.yaml:15: max_shrink must be");
    assertThat(errorOf(VALID + "validation:\n  shrink: 0.5\n"))
        .endsWith("catalog.yaml:15: unknown key 'shrink' (expected one of max_shrink)");
  }

  @Test
  void theArenaBoardDefaultsToTheStyleControlledOneAndIsChosenByConfig() throws Exception {
    assertThat(TestConfigs.load(write(VALID)).section(ArenaConfig.SECTION)).isEqualTo(new ArenaConfig("text_style_control", "overall"));
    assertThat(TestConfigs.load(Path.of("config/catalog.yaml")).section(ArenaConfig.SECTION)).isEqualTo(ArenaConfig.defaults());
    assertThat(TestConfigs.load(write(VALID + "arena:\n  subset: text\n")).section(ArenaConfig.SECTION)).isEqualTo(new ArenaConfig("text", "overall"));
    assertThat(TestConfigs.load(write(VALID + "arena:\n  subset: webdev\n  category: overall\n")).section(ArenaConfig.SECTION))
        .isEqualTo(new ArenaConfig("webdev", "overall"));
    assertThat(TestConfigs.load(write(VALID + "arena:\n  category: hard_prompts\n")).section(ArenaConfig.SECTION))
        .isEqualTo(new ArenaConfig("text_style_control", "hard_prompts"));
  }

  @Test
  void aBadArenaKeyIsOneLineWithItsLine() throws Exception {
    assertThat(errorOf(VALID + "arena:\n  subset: \"text style control\"\n"))
        .isEqualTo(dir.resolve("catalog.yaml") + ":15: arena.subset: 'text style control' is not a name of the dataset"
            + " (letters, digits, '_', '-', '.'; e.g. text_style_control, overall)");
    assertThat(errorOf(VALID + "arena:\n  category: \"overall' OR 1=1\"\n"))
        .endsWith("catalog.yaml:15: arena.category: 'overall' OR 1=1' is not a name of the dataset (letters, digits, '_', '-',"
            + " '.'; e.g. text_style_control, overall)");
    assertThat(errorOf(VALID + "arena:\n  config: text\n"))
        .endsWith("catalog.yaml:15: unknown key 'config' (expected one of category, subset)");
    assertThat(errorOf(VALID + "arena: text\n")).endsWith("catalog.yaml:14: arena: expected a mapping, got a scalar");
    assertThat(errorOf(VALID + "endpoints:\n  arena_page: https://x.hf.space\n")).contains("catalog.yaml:15: unknown key 'arena_page'");
  }

  @Test
  void missingKeyIsReported() throws Exception {
    assertThat(errorOf("groups: []\n")).endsWith("catalog.yaml:1: missing key 'front_matter'");
  }

  @Test
  void missingFileIsReported() {
    assertThatThrownBy(() -> TestConfigs.load(dir.resolve("nope.yaml"))).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("nope.yaml: config file not found");
  }

  @Test
  void modelIdRules() {
    assertThat(ModelIds.isValid("Qwen/Qwen-1_8B-Chat")).isTrue();
    assertThat(ModelIds.isValid("01-ai/Yi-6B-Chat")).isTrue();
    assertThat(ModelIds.isValid("a/b/c")).isFalse();
    assertThat(ModelIds.isValid("/b")).isFalse();
    assertThat(ModelIds.isValid("a/b.")).isFalse();
    assertThat(ModelIds.isValid("a/b c")).isFalse();
    assertThat(ModelIds.isValid("a/..b")).isFalse();
  }

  @Test
  void fetchParallelismIsReadAndMustBePositive() throws Exception {
    CatalogConfig config = TestConfigs.load(write(VALID + "fetch:\n  parallelism: 16\n"));
    assertThat(config.fetch().find("parallelism")).hasValue(16);
    assertThat(TestConfigs.load(write(VALID)).fetch().find("parallelism")).isEmpty();

    assertThat(errorOf(VALID + "fetch:\n  parallelism: 0\n"))
        .endsWith("catalog.yaml:15: parallelism must be from 1 to 86400, got 0");
  }

  @Test
  void chartsDefaultToEveryTableAndGroupBesideTheCatalog() throws Exception {
    ChartsConfig charts = TestConfigs.load(write(VALID)).charts();

    assertThat(charts).isEqualTo(new ChartsConfig(true, "charts", "charts", 5, List.of(), List.of("slm", "gguf")));
    assertThat(charts.folder(dir.resolve("post.md"))).isEqualTo(dir.resolve("charts"));
    assertThat(charts.link(ChartsConfig.GROUP, "slm")).isEqualTo("charts/group-slm.svg");
  }

  @Test
  void chartsAreReadAndTheirLinkCanDifferFromTheirFolder() throws Exception {
    ChartsConfig charts = TestConfigs.load(write(VALID + """
        charts:
          enabled: false
          dir: ../assets/charts/
          link: /assets/charts
          top: 3
          groups: [gguf]
        """)).charts();

    assertThat(charts).isEqualTo(new ChartsConfig(false, "../assets/charts", "/assets/charts", 3, List.of(), List.of("gguf")));
    assertThat(charts.folder(dir.resolve("_posts/post.md"))).isEqualTo(dir.resolve("assets/charts"));
    assertThat(charts.draws(ChartsConfig.GROUP, "gguf")).as("switched off").isFalse();
  }

  @Test
  void badChartsSettingsAreOneLineWithTheirLine() throws Exception {
    String file = dir.resolve("catalog.yaml").toString();
    assertThat(errorOf(VALID + "charts:\n  groups: [slm, llm]\n"))
        .isEqualTo(file + ":15: charts: unknown group 'llm' (configured groups: slm, gguf)");
    assertThat(errorOf(VALID + "charts:\n  groups: [slm, slm]\n"))
        .isEqualTo(file + ":15: charts: group 'slm' listed twice");
    assertThat(errorOf(VALID + "charts:\n  tables: [arena]\n"))
        .isEqualTo(file + ":15: charts: unknown table 'arena' (configured tables: )");
    assertThat(errorOf(VALID + "charts:\n  top: 9\n")).isEqualTo(file + ":15: top must be from 1 to 8, got 9");
    assertThat(errorOf(VALID + "charts:\n  dir: /var/www\n")).startsWith(file + ":15: dir must be a relative folder");
    assertThat(errorOf(VALID + "charts:\n  link: a b\n")).startsWith(file + ":15: link must be a path or URL without spaces");
    assertThat(errorOf(VALID + "charts:\n  size: 3\n"))
        .isEqualTo(file + ":15: unknown key 'size' (expected one of dir, enabled, groups, link, tables, top)");
  }
}
