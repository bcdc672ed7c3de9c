package dev.llmcatalog.source.openllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTableTest {
  @Test
  void keysEachRecordByTheHeader() {
    List<Map<String, String>> rows = CsvTable.rows("a,b\n1,\"x, y\"\n2,\n");

    assertThat(rows).containsExactly(Map.of("a", "1", "b", "x, y"), Map.of("a", "2", "b", ""));
    assertThat(rows.get(0).keySet()).containsExactly("a", "b");
  }

  @Test
  void aRaggedRecordIsAnError() {
    assertThatThrownBy(() -> CsvTable.rows("a,b\n1\n")).hasMessage("line 2 has 1 fields, the header 2");
  }
}
