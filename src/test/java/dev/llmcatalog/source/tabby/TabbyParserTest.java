package dev.llmcatalog.source.tabby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.testsupport.Fixtures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class TabbyParserTest {
  private static final String DIR = "leaderboards/tabbyml/";
  private static final String URL = "https://leaderboard.tabbyml.com/tabby.yml";

  private static TabbyBoard parse(String yaml) {
    return TabbyParser.parse(yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> values(TabbyBoard board, String model) {
    Map<String, String> values = new LinkedHashMap<>();
    TabbySource.observe(board, "tabby", URL).stream().filter(o -> o.subject().equals(model))
        .forEach(o -> values.put(o.key(), o.value()));
    return values;
  }

  private static List<BigDecimal> decimals(String... texts) {
    return Stream.of(texts).map(BigDecimal::new).toList();
  }

  @Test
  void languageAndModeKeysAreCanonical() {
    assertThat(TabbyParser.canonical("C#")).isEqualTo("csharp");
    assertThat(TabbyParser.canonical("Java")).isEqualTo("java");
    assertThat(TabbyParser.canonical("TypeScript")).isEqualTo("typescript");
    assertThat(TabbyParser.canonical("Typescript")).isEqualTo("typescript");
    assertThat(TabbyParser.canonical("Python")).isEqualTo("python");
    assertThat(TabbyParser.canonical("Objective-C")).isEqualTo("objectivec");
    assertThat(TabbyParser.canonical("C++")).isEqualTo("cpp");
    assertThat(TabbyParser.canonical(" Go ")).isEqualTo("go");
    assertThat(TabbyParser.canonical("BM25")).isEqualTo("bm25");
    assertThat(TabbyParser.canonical("Baseline")).isEqualTo("baseline");
    assertThat(TabbyParser.canonical("Oracle")).isEqualTo("oracle");
  }

  @Test
  void otherLanguagesBecomeKeysToo() {
    TabbyBoard board = parse("""
        M:
          baseline: {Go: 12.5, C++: 7, Rust: 9.25}
          bm25: {Go: 1}
          ORACLE: {Go: 2}
        """);

    // Baseline: (12.5 + 7 + 9.25) / 3 = 28.75 / 3 = 9.58333... -> 9.58
    assertThat(values(board, "M")).containsExactly(
        Map.entry("baseline_go", "12.5"), Map.entry("baseline_cpp", "7"), Map.entry("baseline_rust", "9.25"),
        Map.entry("baseline_average", "9.58"),
        Map.entry("bm25_go", "1"), Map.entry("bm25_average", "1"),
        Map.entry("oracle_go", "2"), Map.entry("oracle_average", "2"));
  }

  @Test
  void aMissingLanguageIsLeftOutOfTheAverageNotCountedAsZero() {
    TabbyBoard board = parse("""
        Partial-1B:
          Baseline: {Java: 10, C#: 20.5, Typescript: 33.33}
          BM25: {Java: 11, C#: 21, Typescript: 34, Python: 2}
          Oracle: {Python: 4.44}
        """);

    Map<String, String> values = values(board, "Partial-1B");
    // Baseline has no Python: (10 + 20.5 + 33.33) / 3 = 63.83 / 3 = 21.27666... -> 21.28 (not 63.83 / 4 = 15.96)
    assertThat(values).containsEntry("baseline_average", "21.28").doesNotContainKey("baseline_python");
    // BM25 has all four: (11 + 21 + 34 + 2) / 4 = 68 / 4 = 17
    assertThat(values).containsEntry("bm25_average", "17");
    // Oracle has Python only: 4.44
    assertThat(values).containsEntry("oracle_average", "4.44").doesNotContainKeys("oracle_java", "oracle_csharp");
    assertThat(values).hasSize(3 + 1 + 4 + 1 + 1 + 1);
  }

  @Test
  void theAverageIsTheSitesNotTheDecimalHalfUpOne() {
    // tabby.yml StarCoder-1B Oracle: (33.99 + 44.68 + 27.65 + 34.26) / 4 = 140.58 / 4 = 35.145 exactly.
    List<BigDecimal> oracle = decimals("33.99", "44.68", "27.65", "34.26");
    assertThat(Scores.mean(oracle).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("35.15");
    // In doubles the sum is 140.57999999999998, the mean 35.144999999999996, and Math.round(3514.4999...) = 3514.
    assertThat(TabbyParser.siteAverage(oracle)).isEqualByComparingTo("35.14");
    // instruct.yml WizardCoder-1B Oracle: 35.38 / 4 = 8.845 exactly; the page shows 8.84.
    assertThat(TabbyParser.siteAverage(decimals("7.81", "4.63", "12.87", "10.07"))).isEqualByComparingTo("8.84");
    // Where the double lands above the half, both agree: tabby.yml StarCoder-1B BM25 123.94 / 4 = 30.985 -> 30.99.
    assertThat(TabbyParser.siteAverage(decimals("30.58", "40.84", "23.33", "29.19"))).isEqualByComparingTo("30.99");
    // More half-way cases, each checked against Node's Math.round(mean * 100) / 100: 0.125 * 100 = 12.5 exactly in
    // binary, so it rounds up to 0.13; 1.005 * 100 = 100.49999999999999, so the page shows 1 (HALF_UP: 1.01).
    assertThat(TabbyParser.siteAverage(decimals("0.125"))).isEqualByComparingTo("0.13");
    assertThat(TabbyParser.siteAverage(decimals("1.005"))).isEqualByComparingTo("1");
    assertThat(TabbyParser.siteAverage(decimals("32.005", "32.005"))).isEqualByComparingTo("32.01");
  }

  @Test
  void everyAverageOfEveryRealFileEqualsWhatThePageShows() {
    // site-averages.tsv: the site's own averaging run under Node on the four fixture files (see SOURCES.md).
    List<String> rows = Fixtures.text(DIR + "site-averages.tsv").lines().skip(1).toList();
    assertThat(rows).hasSize((17 + 4 + 9 + 9) * 3);
    Map<String, List<Observation>> byFile = new LinkedHashMap<>();
    for (String row : rows) {
      String[] f = row.split("\t");
      List<Observation> observations = byFile.computeIfAbsent(f[0],
          file -> TabbySource.observe(TabbyParser.parse(Fixtures.bytes(DIR + file + ".yml")), file, URL));
      String key = TabbyParser.canonical(f[2]) + "_average";
      assertThat(observations).as(row).filteredOn(o -> o.subject().equals(f[1]) && o.key().equals(key))
          .singleElement().extracting(Observation::value).isEqualTo(f[3]);
    }
  }

  @Test
  void theFilesTextIsKeptAsRawWhenItIsNotCanonical() {
    List<Observation> observations = TabbySource.observe(parse("M:\n  Baseline: {Java: 10.0, C#: 7.50}\n  BM25: {Java: 1}\n"
        + "  Oracle: {Java: 1.0e+1}\n"), "tabby", URL);

    assertThat(observations).extracting(Observation::key, Observation::value, Observation::raw).containsExactly(
        Tuple.tuple("baseline_java", "10", "10.0"),
        Tuple.tuple("baseline_csharp", "7.5", "7.50"),
        Tuple.tuple("baseline_average", "8.75", null),
        Tuple.tuple("bm25_java", "1", null),
        Tuple.tuple("bm25_average", "1", null),
        Tuple.tuple("oracle_java", "10", "1.0e+1"),
        Tuple.tuple("oracle_average", "10", null));
  }

  @Test
  void twoSpellingsOfOneLanguageInOneModeAreAnError() {
    assertThatThrownBy(() -> parse("M:\n  Baseline:\n    Typescript: 1\n    TypeScript: 2\n  BM25: {Java: 1}\n  Oracle: {Java: 1}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model 'M' mode 'Baseline' language 'TypeScript' (line 4): same language as 'Typescript'");
  }

  @Test
  void aScoreThatIsNotANumberIsAnError() {
    String tail = "  BM25: {Java: 1}\n  Oracle: {Java: 1}\n";
    assertThatThrownBy(() -> parse("M:\n  Baseline:\n    Java: \"36.65\"\n" + tail))
        .hasMessage("model 'M' mode 'Baseline' language 'Java' (line 3): expected a decimal number, got the text '36.65'");
    assertThatThrownBy(() -> parse("M:\n  Baseline:\n    Java:\n" + tail))
        .hasMessage("model 'M' mode 'Baseline' language 'Java' (line 3): expected a decimal number, got nothing (null)");
    assertThatThrownBy(() -> parse("M:\n  Baseline:\n    Java: n/a\n" + tail))
        .hasMessage("model 'M' mode 'Baseline' language 'Java' (line 3): expected a decimal number, got the text 'n/a'");
    assertThatThrownBy(() -> parse("M:\n  Baseline:\n    Java: .nan\n" + tail))
        .hasMessage("model 'M' mode 'Baseline' language 'Java' (line 3): expected a decimal number, got '.nan'");
  }

  @Test
  void aLanguageNamedAverageOrAnEmptyModeIsAnError() {
    assertThatThrownBy(() -> parse("M:\n  Baseline: {Java: 1, Average: 1}\n  BM25: {Java: 1}\n  Oracle: {Java: 1}\n"))
        .hasMessage("model 'M' mode 'Baseline' language 'Average' (line 2): clashes with the computed average");
    assertThatThrownBy(() -> parse("M:\n  Baseline: {}\n  BM25: {Java: 1}\n  Oracle: {Java: 1}\n"))
        .hasMessage("model 'M' mode 'Baseline' (line 2): no languages");
  }

  @Test
  void twoSpellingsOfOneModeAreAnError() {
    assertThatThrownBy(() -> parse("M:\n  BM25: {Java: 1}\n  bm25: {Java: 2}\n"))
        .hasMessage("model 'M' mode 'bm25' (line 3): same mode as 'BM25'");
  }

  @Test
  void aModelListedTwiceIsAnError() {
    // js-yaml, which the site uses, refuses duplicate keys too; the page would not render.
    String model = "StarCoder-1B:\n  Baseline: {Java: 1}\n  BM25: {Java: 1}\n  Oracle: {Java: 1}\n";
    assertThatThrownBy(() -> parse(model + model)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not valid YAML: Duplicate field 'StarCoder-1B' (line 5)");
  }

  @Test
  void aFileThatIsNotAMappingOfModelsNamesWhatItIs() {
    assertThatThrownBy(() -> parse("# no models yet\n")).hasMessage("empty file: no models");
    assertThatThrownBy(() -> parse("# none\n~\n")).hasMessage("expected a mapping of models, got nothing (null) (line 2)");
    assertThatThrownBy(() -> parse("M: true\n")).hasMessage("model 'M' (line 1): expected a mapping of modes (Baseline, BM25, Oracle), "
        + "got the boolean true");
  }

  @Test
  void errorsNameTheLineOfTheKeyNotOfItsBlockBelow() {
    assertThatThrownBy(() -> parse("M:\n  Baseline:\n    Java: 1\n  BM25:\n    Java: 1\n"))
        .hasMessage("model 'M' (line 1): mode 'oracle' missing (have: Baseline, BM25)");
    assertThatThrownBy(() -> parse("M:\n  Baseline:\n    Java:\n      - 1\n"))
        .hasMessage("model 'M' mode 'Baseline' language 'Java' (line 3): expected a decimal number, got a list");
  }

  @Test
  void brokenYamlIsAnError() {
    assertThatThrownBy(() -> parse("M:\n  Baseline:\n    Java: 1\n   BM25: {Java: 1\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not valid YAML: while parsing a block mapping")
        .hasMessageEndingWith("(line 4)").hasMessageNotContaining("\n");
  }

  @Test
  void readsEveryRealFileWithEveryModelComplete() {
    Map<String, Integer> models = Map.of("tabby", 17, "instruct", 4, "cceval", 9, "tabby_20231110_121c49a", 9);
    models.forEach((file, count) -> {
      TabbyBoard board = TabbyParser.parse(Fixtures.bytes(DIR + file + ".yml"));
      assertThat(board.models()).as(file).hasSize(count);
      assertThat(board.models()).as(file).allSatisfy(m -> {
        assertThat(m.modes().keySet()).containsExactlyInAnyOrderElementsOf(TabbyParser.MODES);
        m.modes().values().forEach(scores -> assertThat(scores).extracting(TabbyScore::language)
            .containsExactlyInAnyOrder("java", "csharp", "typescript", "python"));
      });
    });
  }

  /**
   * The first published tabby.yml (2023-11-10) against the current one (2024-11-13): what a later snapshot diff
   * must report. The two share 4 model names; every one of their values changed (the benchmark was re-run).
   */
  @Test
  void theFirstTabbyFileDiffersFromTheCurrentOneLikeThis() {
    TabbyBoard first = TabbyParser.parse(Fixtures.bytes(DIR + "tabby_20231110_121c49a.yml"));
    TabbyBoard current = TabbyParser.parse(Fixtures.bytes(DIR + "tabby.yml"));

    List<String> firstNames = first.models().stream().map(TabbyModel::name).toList();
    List<String> currentNames = current.models().stream().map(TabbyModel::name).toList();
    assertThat(firstNames.stream().filter(currentNames::contains))
        .containsExactly("CodeLlama-13B", "CodeLlama-7B", "StarCoder-1B", "StarCoder-3B");
    // Gone: note DeepseekCoder-6.7B became DeepSeekCoder-6.7B, a different name as far as the board goes.
    assertThat(firstNames.stream().filter(n -> !currentNames.contains(n)))
        .containsExactly("DeepseekCoder-1.3B", "DeepseekCoder-6.7B", "StarCoder-7B", "WizardCoder-1B", "WizardCoder-3B");
    assertThat(currentNames.stream().filter(n -> !firstNames.contains(n))).containsExactly(
        "DeepSeekCoder-V2-Lite", "DeepSeekCoder-6.7B", "Codestral-22B", "Qwen2.5-Coder-7B", "Qwen2.5-Coder-1.5B",
        "CodeGemma-7B", "CodeGemma-2B", "StarCoder2-15B", "StarCoder2-3B", "StarCoder2-7B", "Qwen2.5-Coder-0.5B",
        "Qwen2.5-Coder-14B", "Qwen2.5-Coder-3B");

    // Old averages by hand: StarCoder-1B BM25 (5.66 + 3.79 + 8.89 + 8.05) / 4 = 26.39 / 4 = 6.5975 -> 6.6;
    // Baseline 7.96 / 4 = 1.99; Oracle (7.81 + 4.58 + 12.68 + 10.19) / 4 = 35.26 / 4 = 8.815 -> 8.82.
    assertThat(changes(first, current, "StarCoder-1B")).containsExactly(
        "bm25_csharp: 5.66 -> 40.84",
        "bm25_java: 3.79 -> 30.58",
        "bm25_python: 8.89 -> 29.19",
        "bm25_typescript: 8.05 -> 23.33",
        "bm25_average: 6.6 -> 30.99",
        "baseline_csharp: 1.75 -> 41.12",
        "baseline_java: 0.79 -> 25.48",
        "baseline_python: 1.13 -> 25.14",
        "baseline_typescript: 4.29 -> 23.06",
        "baseline_average: 1.99 -> 28.7",
        "oracle_csharp: 7.81 -> 44.68",
        "oracle_java: 4.58 -> 33.99",
        "oracle_python: 12.68 -> 34.26",
        "oracle_typescript: 10.19 -> 27.65",
        "oracle_average: 8.82 -> 35.14");
    // CodeLlama-7B BM25 then: (7.52 + 7.01 + 14.78 + 20.53) / 4 = 49.84 / 4 = 12.46;
    // now: (41.8 + 51.81 + 30.72 + 35.98) / 4 = 160.31 / 4 = 40.0775 -> 40.08.
    assertThat(changes(first, current, "CodeLlama-7B")).containsExactly(
        "bm25_csharp: 7.52 -> 51.81",
        "bm25_java: 7.01 -> 41.8",
        "bm25_python: 14.78 -> 35.98",
        "bm25_typescript: 20.53 -> 30.72",
        "bm25_average: 12.46 -> 40.08",
        "baseline_csharp: 3.56 -> 48.87",
        "baseline_java: 3.83 -> 34.97",
        "baseline_python: 7.24 -> 31.48",
        "baseline_typescript: 14.39 -> 30.13",
        "baseline_average: 7.26 -> 36.36",
        "oracle_csharp: 10.24 -> 56.96",
        "oracle_java: 8.18 -> 45.07",
        "oracle_python: 18.31 -> 40.94",
        "oracle_typescript: 22.82 -> 34.77",
        "oracle_average: 14.89 -> 44.44");
  }

  /** {@code key: old -> new} for each key of {@code model} whose value differs, in the old file's order. */
  private static List<String> changes(TabbyBoard before, TabbyBoard after, String model) {
    Map<String, String> old = values(before, model);
    Map<String, String> now = values(after, model);
    assertThat(now.keySet()).isEqualTo(Set.copyOf(old.keySet()));
    List<String> changes = new ArrayList<>();
    old.forEach((key, value) -> {
      if (!value.equals(now.get(key))) {
        changes.add(key + ": " + value + " -> " + now.get(key));
      }
    });
    return changes;
  }
}
