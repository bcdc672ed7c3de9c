package dev.llmcatalog.source.opencompass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.testsupport.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompassRankParserTest {
  private static JsonNode json(String text) throws Exception {
    return CompassRankParser.readJson(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void knownDimensionsHaveFixedKeysAndOthersAreLowerSnakeCase() {
    assertThat(List.of("Average", "Language", "Knowledge", "Reasoning", "Math", "Code", "Agent").stream()
        .map(CompassRankParser::metricKey))
        .containsExactly("average", "language", "knowledge", "reasoning", "math", "code", "agent");
    assertThat(CompassRankParser.metricKey("Instruction")).isEqualTo("instruction");
    assertThat(CompassRankParser.metricKey("Instruction Following")).isEqualTo("instruction_following");
    assertThat(CompassRankParser.metricKey("Long-Context (128K)")).isEqualTo("long_context_128k");
    assertThatThrownBy(() -> CompassRankParser.metricKey("%")).hasMessage("no usable metric name in field '%'");
  }

  @Test
  void readsTheListedEditionsInOrder() throws Exception {
    List<Edition> editions = CompassRankParser.parseEditions(json(Fixtures.text("leaderboards/opencompass/compassrank/months.json")));

    assertThat(editions).containsExactly(
        new Edition("26-07", "assets/llm-rank/llm-data-v2.26-07.20260824.json", "2026-08-24"),
        new Edition("24-05", "assets/llm-rank/llm-data-v2.24-05.20240531.json", "2024-05-31"),
        new Edition("24-02", "assets/llm-rank/llm-data-v2.24-02.20240401.json", "2024-04-01"));
  }

  @Test
  void anAnswerThatIsNotOkOrHasNoEditionsIsRejected() {
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"50001\",\"msg\":\"system busy\",\"data\":null}")))
        .hasMessage("msgCode 50001, expected 10000 (msg: system busy)");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"traceId\":\"t\",\"msg\":\"ok\"}")))
        .hasMessage("msgCode missing (have: traceId, msg)");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"10000\",\"msg\":\"ok\",\"data\":{}}")))
        .hasMessage("'data' array missing (have: msgCode, msg, data)");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"10000\",\"data\":[]}")))
        .hasMessage("'data' lists no edition");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"10000\",\"data\":[{\"month\":\"24-02\",\"updateTime\":\"2024-04-01\"}]}")))
        .hasMessage("data[0]: 'fileName' missing (have: month, updateTime)");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"10000\",\"data\":["
        + "{\"month\":\"24-02\",\"fileName\":\"a\",\"updateTime\":\"x\"},{\"month\":\"24-02\",\"fileName\":\"b\",\"updateTime\":\"y\"}]}")))
        .hasMessage("month '24-02' listed twice");
  }

  @Test
  void everyNumericFieldIsAScoreExactlyAsWrittenAndTheRestIsIgnored() throws Exception {
    List<BoardRow> rows = CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"org\":\"O\","
        + "\"chat_or_base\":\"Base\",\"Average\":57,\"Math\":44.0,\"Code\":null,\"params\":\"7B\",\"open\":true,"
        + "\"Tool Use\":0.5e2}]}"));

    assertThat(rows).hasSize(1);
    BoardRow row = rows.get(0);
    assertThat(row.model()).isEqualTo("M");
    assertThat(row.org()).isEqualTo("O");
    assertThat(row.chatOrBase()).isEqualTo("Base");
    assertThat(row.scores()).containsOnlyKeys("average", "math", "tool_use");
    assertThat(row.scores().get("average")).isEqualTo(new BigDecimal("57"));
    assertThat(row.scores().get("math")).isEqualTo(new BigDecimal("44.0"));
    assertThat(row.scores().get("tool_use")).isEqualByComparingTo("50");
  }

  @Test
  void attributesMayBeAbsent() throws Exception {
    BoardRow row = CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Average\":1}]}")).get(0);

    assertThat(row.org()).isNull();
    assertThat(row.chatOrBase()).isNull();
  }

  @Test
  void aMissingEmptyOrScorelessTableIsALayoutChange() {
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"KnowledgeTable\":[],\"models\":[]}")))
        .hasMessage("OverallTable missing (have: KnowledgeTable, models)");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[]}")))
        .hasMessage("OverallTable is empty");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Average\":\"50.3\"}]}")))
        .hasMessage("OverallTable has no numeric scores (fields: model, Average)");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"name\":\"M\",\"Average\":1}]}")))
        .hasMessage("OverallTable[0]: 'model' missing (have: name, Average)");
  }

  @Test
  void clashingKeysAndConflictingRepeatsAreRejected() throws Exception {
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Code\":1,\"code\":2}]}")))
        .hasMessage("OverallTable[0] (M): fields 'Code' and 'code' both give 'code'");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Edition\":1}]}")))
        .hasMessage("OverallTable[0] (M): numeric field 'Edition' clashes with the attribute 'edition'");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json(
        "{\"OverallTable\":[{\"model\":\"M\",\"Average\":1},{\"model\":\"M\",\"Average\":2}]}")))
        .hasMessage("model 'M' listed twice with different values");
    assertThat(CompassRankParser.parseOverallTable(json(
        "{\"OverallTable\":[{\"model\":\"M\",\"Average\":1},{\"model\":\"M\",\"Average\":1}]}"))).hasSize(1);
  }
}
