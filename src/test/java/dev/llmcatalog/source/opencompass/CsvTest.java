package dev.llmcatalog.source.opencompass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void splitsPlainFieldsAndKeepsEmptyOnes() {
    assertThat(Csv.parse("a,b,,d\n1,2,3,4\n")).containsExactly(
        new Csv.Row(1, List.of("a", "b", "", "d")), new Csv.Row(2, List.of("1", "2", "3", "4")));
  }

  @Test
  void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
    List<Csv.Row> rows = Csv.parse("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row\n");

    assertThat(rows).containsExactly(
        new Csv.Row(1, List.of("x, y", "say \"hi\"", "two\nlines")), new Csv.Row(3, List.of("next", "row")));
  }

  @Test
  void crlfEndsARecordAndBlankLinesAreSkipped() {
    assertThat(Csv.parse("a,b\r\n\r\n1,2\r\n\n3,4")).containsExactly(
        new Csv.Row(1, List.of("a", "b")), new Csv.Row(3, List.of("1", "2")), new Csv.Row(5, List.of("3", "4")));
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsText() {
    assertThat(Csv.parse("5\" disk,x\n").get(0).fields()).containsExactly("5\" disk", "x");
  }

  @Test
  void anUnclosedQuoteNamesTheLineItStartsOn() {
    assertThatThrownBy(() -> Csv.parse("a,b\n1,\"open\n\n"))
        .isInstanceOfSatisfying(SummaryCsvException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.reason()).isEqualTo("unclosed quote");
        });
  }
}
