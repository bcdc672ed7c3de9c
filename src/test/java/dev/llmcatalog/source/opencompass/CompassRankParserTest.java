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
    assertThat(CompassRankParser.metricKey("Average_CN")).isEqualTo("average_cn");
    assertThat(CompassRankParser.metricKey("Instruction")).isEqualTo("instruction");
    assertThat(CompassRankParser.metricKey("Instruction Following")).isEqualTo("instruction_following");
    assertThat(CompassRankParser.metricKey("Long-Context (128K)")).isEqualTo("long_context_128k");
    assertThatThrownBy(() -> CompassRankParser.metricKey("%")).hasMessage("no usable metric name in field '%'");
  }

  @Test
  void readsTheListedEditionsInOrder() throws Exception {
    EditionList listed = CompassRankParser.parseEditions(json(Fixtures.text("leaderboards/opencompass/compassrank/months.json")));

    assertThat(listed.editions()).containsExactly(
        new Edition("26-07", "assets/llm-rank/llm-data-v2.26-07.20260824.json", "2026-08-24"),
        new Edition("24-05", "assets/llm-rank/llm-data-v2.24-05.20240531.json", "2024-05-31"),
        new Edition("24-02", "assets/llm-rank/llm-data-v2.24-02.20240401.json", "2024-04-01"));
    assertThat(listed.unusable()).isEmpty();
    assertThat(listed.unnamed()).isEmpty();
  }

  @Test
  void anAnswerThatIsNotOkOrListsNothingUsableIsRejected() {
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"50001\",\"msg\":\"system busy\",\"data\":null}")))
        .hasMessage("msgCode 50001, expected 10000 (msg: system busy)");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"traceId\":\"t\",\"msg\":\"ok\"}")))
        .hasMessage("msgCode missing (have: traceId, msg)");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"10000\",\"msg\":\"ok\",\"data\":{}}")))
        .hasMessage("'data' array missing (have: msgCode, msg, data)");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"10000\",\"data\":[]}")))
        .hasMessage("'data' lists no edition");
    assertThatThrownBy(() -> CompassRankParser.parseEditions(json("{\"msgCode\":\"10000\",\"data\":[{\"fileName\":\"a\"},7]}")))
        .hasMessage("no entry of 'data' names a month: data[0] (have: fileName), data[1] (NUMBER)");
  }

  @Test
  void anEntryThatCannotBeReadIsReportedAndTheOthersAreListed() throws Exception {
    EditionList listed = CompassRankParser.parseEditions(json("{\"msgCode\":\"10000\",\"data\":["
        + "{\"fileName\":\"f/26-07.json\",\"updateTime\":\"2026-08-24\",\"month\":\"26-07\"},"
        + "{\"updateTime\":\"2024-05-31\",\"month\":\"24-05\"},"
        + "{\"fileName\":\"f/24-02.json\",\"month\":\"24-02\"},"
        + "{\"fileName\":\"f/24-02-bis.json\",\"month\":\"24-02\"},"
        + "{\"fileName\":\"f/23-12.json\",\"month\":\"23-12\"},{\"fileName\":\"f/23-12.json\",\"month\":\"23-12\"},"
        + "{\"fileName\":\"f/x.json\"}]}"));

    // An entry without updateTime is still readable: the date only dates the data.
    assertThat(listed.editions()).containsExactly(new Edition("26-07", "f/26-07.json", "2026-08-24"),
        new Edition("23-12", "f/23-12.json", null));
    assertThat(listed.unusable()).containsExactly(
        new EditionList.Unusable("24-05", "listed without a fileName (have: updateTime, month)"),
        new EditionList.Unusable("24-02", "listed 2 times with different entries (fileName f/24-02.json, f/24-02-bis.json)"));
    assertThat(listed.unnamed()).containsExactly("data[6] (have: fileName)");
    assertThat(listed.named()).isEqualTo(4);
  }

  @Test
  void scoresAreKnownDimensionsAndCapitalizedNumbersMetadataIsNever() throws Exception {
    TableRows table = CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"org\":\"O\","
        + "\"chat_or_base\":\"Base\",\"num\":7,\"time\":202402,\"update_time\":1711929600000,\"rank\":3,\"key\":0,"
        + "\"Average\":57,\"Math\":44.0,\"Code\":null,\"params\":\"7B\",\"open\":true,\"params_b\":7,"
        + "\"Tool Use\":0.5e2,\"Type\":\"Chat\"}]}"));

    assertThat(table.rows()).hasSize(1);
    BoardRow row = table.rows().get(0);
    assertThat(row.model()).isEqualTo("M");
    assertThat(row.org()).isEqualTo("O");
    assertThat(row.chatOrBase()).isEqualTo("Base");
    assertThat(row.scores()).containsOnlyKeys("average", "math", "tool_use");
    assertThat(row.scores().get("average")).isEqualTo(new BigDecimal("57"));
    assertThat(row.scores().get("math")).isEqualTo(new BigDecimal("44.0"));
    assertThat(row.scores().get("tool_use")).isEqualByComparingTo("50");
    assertThat(table.newDimensions()).containsExactly("Tool Use");
    assertThat(table.ignoredFields()).containsExactly("params_b");
  }

  @Test
  void stringScoresParseAndADashIsNoScore() throws Exception {
    TableRows table = CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Average\":\"83.3\","
        + "\"Knowledge\":\" 94.10 \",\"Math\":\"-\",\"Code\":\"\",\"Agent\":\"NaN\",\"Instruction\":\"75\",\"Agentic\":\"-\"}]}"));

    BoardRow row = table.rows().get(0);
    assertThat(row.scores()).containsOnlyKeys("average", "knowledge", "instruction");
    assertThat(row.scores().get("average")).isEqualTo(new BigDecimal("83.3"));
    assertThat(row.scores().get("knowledge")).isEqualTo(new BigDecimal("94.10"));
    assertThat(row.scores().get("instruction")).isEqualTo(new BigDecimal("75"));
    assertThat(table.newDimensions()).containsExactly("Instruction");
  }

  @Test
  void aDimensionThatIsNeitherANumberNorNoScoreIsALayoutChange() {
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Average\":\"n/a\"}]}")))
        .hasMessage("OverallTable[0] (M): 'Average' is \"n/a\", expected a number, a numeric string, \"-\" or null");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Math\":{\"score\":1}}]}")))
        .hasMessage("OverallTable[0] (M): 'Math' is {\"score\":1}, expected a number, a numeric string, \"-\" or null");
  }

  @Test
  void attributesMayBeAbsent() throws Exception {
    BoardRow row = CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Average\":1}]}")).rows().get(0);

    assertThat(row.org()).isNull();
    assertThat(row.chatOrBase()).isNull();
  }

  @Test
  void aMissingEmptyOrScorelessTableIsALayoutChange() {
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"KnowledgeTable\":[],\"models\":[]}")))
        .hasMessage("OverallTable missing (have: KnowledgeTable, models)");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[]}")))
        .hasMessage("OverallTable is empty");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Average\":\"-\",\"num\":3}]}")))
        .hasMessage("OverallTable has no scores (fields: model, Average, num)");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"name\":\"M\",\"Average\":1}]}")))
        .hasMessage("OverallTable[0]: 'model' missing (have: name, Average)");
  }

  @Test
  void clashingKeysAndConflictingRepeatsAreRejected() throws Exception {
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Code\":1,\"CODE\":2}]}")))
        .hasMessage("OverallTable[0] (M): fields 'Code' and 'CODE' both give 'code'");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json("{\"OverallTable\":[{\"model\":\"M\",\"Edition\":1}]}")))
        .hasMessage("OverallTable[0] (M): numeric field 'Edition' clashes with the attribute 'edition'");
    assertThatThrownBy(() -> CompassRankParser.parseOverallTable(json(
        "{\"OverallTable\":[{\"model\":\"M\",\"Average\":1},{\"model\":\"M\",\"Average\":2}]}")))
        .hasMessage("model 'M' listed twice with different values");
    assertThat(CompassRankParser.parseOverallTable(json(
        "{\"OverallTable\":[{\"model\":\"M\",\"Average\":1},{\"model\":\"M\",\"Average\":1}]}")).rows()).hasSize(1);
  }
}
