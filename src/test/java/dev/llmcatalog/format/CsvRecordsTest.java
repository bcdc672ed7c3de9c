package dev.llmcatalog.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.format.CsvRecords.Row;
import dev.llmcatalog.testsupport.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases of the hand-written reader Jackson replaced (and of the three before it), and the real files. */
class CsvRecordsTest {
  private static List<List<String>> records(String text) {
    return CsvRecords.read(text).stream().map(Row::fields).toList();
  }

  @Test
  void readsBareFieldsWithLfOrCrlf() {
    assertThat(records("a,b,c\n1,2,3\n")).containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
    assertThat(records("a,b\r\n1,2\r\n")).containsExactly(List.of("a", "b"), List.of("1", "2"));
  }

  @Test
  void splitsPlainFieldsAndKeepsEmptyOnesWithTheirLines() {
    assertThat(CsvRecords.read("a,b,,d\n1,2,3,4\n")).containsExactly(
        new Row(1, List.of("a", "b", "", "d")), new Row(2, List.of("1", "2", "3", "4")));
  }

  @Test
  void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
    List<List<String>> records = records("key,Model,Link\r\n"
        + "x,\"Claude 3 Opus, 2024\",\"say \"\"hi\"\"\"\r\n"
        + "y,\"two\r\nlines\",\"\"\r\n");

    assertThat(records).containsExactly(
        List.of("key", "Model", "Link"),
        List.of("x", "Claude 3 Opus, 2024", "say \"hi\""),
        List.of("y", "two\r\nlines", ""));
  }

  @Test
  void aRecordAfterAMultiLineFieldStartsOnItsOwnLine() {
    List<Row> rows = CsvRecords.read("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row\n");

    assertThat(rows).containsExactly(
        new Row(1, List.of("x, y", "say \"hi\"", "two\nlines")), new Row(3, List.of("next", "row")));
    assertThat(CsvRecords.read("a,\"b\r\nc\"\r\nd\r\n")).extracting(Row::line).containsExactly(1, 3);
  }

  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaksInMixedLineEndings() {
    List<List<String>> records = records("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");

    assertThat(records).containsExactly(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"));
  }

  @Test
  void emptyFieldsAndAMissingFinalLineBreakAreKept() {
    assertThat(records("a,,c\n,,")).containsExactly(List.of("a", "", "c"), List.of("", "", ""));
    assertThat(records("x,\"q\"")).containsExactly(List.of("x", "q"));
    assertThat(records("h\n1\n2")).containsExactly(List.of("h"), List.of("1"), List.of("2"));
  }

  @Test
  void anUnquotedAndAQuotedEmptyFieldAreBothEmpty() {
    // The openllm test helper read an unquoted empty field as readr's NA (null); no source needs the difference.
    assertThat(records("a,\"\",,b")).containsExactly(List.of("a", "", "", "b"));
  }

  @Test
  void fieldsAreNotTrimmed() {
    assertThat(records(" a , b\n \n")).containsExactly(List.of(" a ", " b"), List.of(" "));
  }

  @Test
  void skipsAByteOrderMarkAndBlankLines() {
    assertThat(records("\uFEFFModel,MMLU\n\nGPT-4,0.864\n\n")).containsExactly(
        List.of("Model", "MMLU"), List.of("GPT-4", "0.864"));
    assertThat(records("")).isEmpty();
    assertThat(records("\n\r\n")).isEmpty();
  }

  @Test
  void crlfEndsARecordAndBlankLinesAreSkippedButCounted() {
    assertThat(CsvRecords.read("a,b\r\n\r\n1,2\r\n\n3,4")).containsExactly(
        new Row(1, List.of("a", "b")), new Row(3, List.of("1", "2")), new Row(5, List.of("3", "4")));
    assertThat(CsvRecords.read("\uFEFF\n\na")).containsExactly(new Row(3, List.of("a")));
  }

  @Test
  void aLoneCarriageReturnEndsARecordOutsideQuotesOnly() {
    assertThat(CsvRecords.read("a\rb,\"c\rd\"\re")).containsExactly(
        new Row(1, List.of("a")), new Row(2, List.of("b", "c\rd")), new Row(4, List.of("e")));
  }

  @Test
  void aQuoteInsideABareFieldIsText() {
    assertThat(records("5\" disk,x\n")).containsExactly(List.of("5\" disk", "x"));
    assertThat(records("a,b\"\"c\n")).containsExactly(List.of("a", "b\"\"c"));
  }

  @Test
  void anUnclosedQuoteNamesTheLineOfItsField() {
    assertThatThrownBy(() -> CsvRecords.read("a,b\n1,\"open\n2,3\n"))
        .isInstanceOf(CsvException.class).hasMessage("line 2: Missing closing quote for value");
    assertThatThrownBy(() -> CsvRecords.read("a,\"b\n")).hasMessage("line 1: Missing closing quote for value");
    assertThatThrownBy(() -> CsvRecords.read("a,b\n1,\"open\n\n"))
        .isInstanceOfSatisfying(CsvException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.reason()).isEqualTo("Missing closing quote for value");
        });
    // The record starts on line 1; the field whose quote is never closed on line 2; Jackson stops on line 3.
    assertThatThrownBy(() -> CsvRecords.read("\"a\nb\",\"open\n"))
        .isInstanceOfSatisfying(CsvException.class, e -> assertThat(e.line()).isEqualTo(2));
    assertThatThrownBy(() -> CsvRecords.read("a,b\n\n\"open\n1,2\n"))
        .isInstanceOfSatisfying(CsvException.class, e -> assertThat(e.line()).isEqualTo(3));
  }

  @Test
  void textAfterAClosingQuoteIsAnError() {
    assertThatThrownBy(() -> CsvRecords.read("a,b\n\"x\"y,2\n"))
        .isInstanceOfSatisfying(CsvException.class, e -> {
          assertThat(e).isInstanceOf(IllegalArgumentException.class);
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.reason()).isEqualTo("Unexpected character ('y' (code 121)): "
              + "Expected column separator character (',' (code 44)) or end-of-line");
          assertThat(e.getMessage()).isEqualTo("line 2: " + e.reason());
        });
  }

  @Test
  void aFileWideErrorHasNoLine() {
    assertThat(new CsvException(0, "no scores")).hasMessage("no scores");
  }

  @Test
  void readsTheRealOpenLlmV1Sample() {
    List<Row> rows = CsvRecords.read(Fixtures.text("leaderboards/openllm-v1/leaderboard_v1_scraped_2024-07-07_sample.csv"));

    assertThat(rows).hasSize(26);
    List<String> header = rows.get(0).fields();
    assertThat(rows).allSatisfy(row -> assertThat(row.fields()).hasSameSizeAs(header));
    List<String> mixtral = rows.get(8).fields();
    assertThat(mixtral.get(header.indexOf("type"))).isEqualTo("💬 chat models (RLHF, DPO, IFT, ...)");
    assertThat(mixtral.get(header.indexOf("fullname"))).isEqualTo("mistralai/Mixtral-8x7B-Instruct-v0.1");
    Row ultra = rows.stream().filter(r -> r.fields().get(header.indexOf("fullname")).equals("openbmb/UltraLM-65b"))
        .findFirst().orElseThrow();
    assertThat(ultra.line()).isEqualTo(18);
    assertThat(ultra.fields().get(header.indexOf("hub_license"))).isEmpty(); // bare: readr's NA
    assertThat(ultra.fields().get(header.indexOf("model_sha"))).isEmpty(); // quoted ""
  }
}
