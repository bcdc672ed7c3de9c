package dev.llmcatalog.source.openllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.testsupport.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaks() {
    List<List<String>> records = Csv.records("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");

    assertThat(records).containsExactly(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"));
  }

  @Test
  void anUnquotedEmptyFieldIsNaAndAQuotedOneIsEmpty() {
    List<List<String>> records = Csv.records("a,\"\",,b");

    assertThat(records).containsExactly(Arrays.asList("a", "", null, "b"));
  }

  @Test
  void aLastLineWithoutNewlineCounts() {
    assertThat(Csv.records("h\n1\n2")).containsExactly(List.of("h"), List.of("1"), List.of("2"));
  }

  @Test
  void unterminatedQuotesAndRaggedRecordsAreErrors() {
    assertThatThrownBy(() -> Csv.records("a,\"b\n")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> Csv.table("a,b\n1\n")).hasMessageContaining("record 2 has 1 fields");
  }

  @Test
  void readsTheRealV1Sample() {
    List<Map<String, String>> rows = Csv.table(
        Fixtures.text("leaderboards/openllm-v1/leaderboard_v1_scraped_2024-07-07_sample.csv"));

    assertThat(rows).hasSize(25);
    assertThat(rows.get(7)).containsEntry("type", "💬 chat models (RLHF, DPO, IFT, ...)")
        .containsEntry("fullname", "mistralai/Mixtral-8x7B-Instruct-v0.1");
    Map<String, String> ultra = rows.stream().filter(r -> r.get("fullname").equals("openbmb/UltraLM-65b")).findFirst()
        .orElseThrow();
    assertThat(ultra.get("hub_license")).isNull();
    assertThat(ultra.get("model_sha")).isEmpty();
  }
}
