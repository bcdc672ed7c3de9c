package dev.llmcatalog.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.testsupport.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases of the three readers this one replaced (arena, opencompass, the openllm test helper), and its own. */
class CsvTest {
  @Test
  void readsBareFieldsWithLfOrCrlf() {
    assertThat(Csv.records("a,b,c\n1,2,3\n")).containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
    assertThat(Csv.records("a,b\r\n1,2\r\n")).containsExactly(List.of("a", "b"), List.of("1", "2"));
  }

  @Test
  void splitsPlainFieldsAndKeepsEmptyOnesWithTheirLines() {
    assertThat(Csv.parse("a,b,,d\n1,2,3,4\n")).containsExactly(
        new Csv.Row(1, List.of("a", "b", "", "d")), new Csv.Row(2, List.of("1", "2", "3", "4")));
  }

  @Test
  void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
    List<List<String>> records = Csv.records("key,Model,Link\r\n"
        + "x,\"Claude 3 Opus, 2024\",\"say \"\"hi\"\"\"\r\n"
        + "y,\"two\r\nlines\",\"\"\r\n");

    assertThat(records).containsExactly(
        List.of("key", "Model", "Link"),
        List.of("x", "Claude 3 Opus, 2024", "say \"hi\""),
        List.of("y", "two\r\nlines", ""));
  }

  @Test
  void aRecordAfterAMultiLineFieldStartsOnItsOwnLine() {
    List<Csv.Row> rows = Csv.parse("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row\n");

    assertThat(rows).containsExactly(
        new Csv.Row(1, List.of("x, y", "say \"hi\"", "two\nlines")), new Csv.Row(3, List.of("next", "row")));
    assertThat(Csv.parse("a,\"b\r\nc\"\r\nd\r\n")).extracting(Csv.Row::line).containsExactly(1, 3);
  }

  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaksInMixedLineEndings() {
    List<List<String>> records = Csv.records("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");

    assertThat(records).containsExactly(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"));
  }

  @Test
  void emptyFieldsAndAMissingFinalLineBreakAreKept() {
    assertThat(Csv.records("a,,c\n,,")).containsExactly(List.of("a", "", "c"), List.of("", "", ""));
    assertThat(Csv.records("x,\"q\"")).containsExactly(List.of("x", "q"));
    assertThat(Csv.records("h\n1\n2")).containsExactly(List.of("h"), List.of("1"), List.of("2"));
  }

  @Test
  void anUnquotedAndAQuotedEmptyFieldAreBothEmpty() {
    // The openllm test helper read an unquoted empty field as readr's NA (null); no source needs the difference.
    assertThat(Csv.records("a,\"\",,b")).containsExactly(List.of("a", "", "", "b"));
  }

  @Test
  void skipsAByteOrderMarkAndBlankLines() {
    assertThat(Csv.records("\uFEFFModel,MMLU\n\nGPT-4,0.864\n\n")).containsExactly(
        List.of("Model", "MMLU"), List.of("GPT-4", "0.864"));
    assertThat(Csv.records("")).isEmpty();
  }

  @Test
  void crlfEndsARecordAndBlankLinesAreSkippedButCounted() {
    assertThat(Csv.parse("a,b\r\n\r\n1,2\r\n\n3,4")).containsExactly(
        new Csv.Row(1, List.of("a", "b")), new Csv.Row(3, List.of("1", "2")), new Csv.Row(5, List.of("3", "4")));
    assertThat(Csv.parse("\uFEFF\n\na")).containsExactly(new Csv.Row(3, List.of("a")));
  }

  @Test
  void aLoneCarriageReturnEndsARecordOutsideQuotesOnly() {
    assertThat(Csv.parse("a\rb,\"c\rd\"\re")).containsExactly(
        new Csv.Row(1, List.of("a")), new Csv.Row(2, List.of("b", "c\rd")), new Csv.Row(4, List.of("e")));
  }

  @Test
  void aQuoteInsideABareFieldIsText() {
    assertThat(Csv.records("5\" disk,x\n")).containsExactly(List.of("5\" disk", "x"));
    assertThat(Csv.records("a,b\"\"c\n")).containsExactly(List.of("a", "b\"\"c"));
  }

  @Test
  void anUnclosedQuoteNamesItsLine() {
    assertThatThrownBy(() -> Csv.parse("a,b\n1,\"open\n2,3\n"))
        .isInstanceOf(Csv.CsvException.class).hasMessage("line 2: quoted field is never closed");
    assertThatThrownBy(() -> Csv.records("a,\"b\n")).hasMessage("line 1: quoted field is never closed");
  }

  @Test
  void anUnclosedQuoteNamesTheLineOfItsOpeningQuote() {
    assertThatThrownBy(() -> Csv.parse("a,b\n1,\"open\n\n"))
        .isInstanceOfSatisfying(Csv.CsvException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.reason()).isEqualTo("quoted field is never closed");
        });
    // The record starts on line 1; the quote that is never closed opens on line 2.
    assertThatThrownBy(() -> Csv.parse("\"a\nb\",\"open\n"))
        .isInstanceOfSatisfying(Csv.CsvException.class, e -> assertThat(e.line()).isEqualTo(2));
  }

  @Test
  void textAfterAClosingQuoteIsAnError() {
    assertThatThrownBy(() -> Csv.parse("a,b\n\"x\"y,2\n"))
        .isInstanceOfSatisfying(Csv.CsvException.class, e -> {
          assertThat(e).isInstanceOf(IllegalArgumentException.class)
              .hasMessage("line 2: 'y' after a closing quote (expected ',' or a line break)");
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.reason()).isEqualTo("'y' after a closing quote (expected ',' or a line break)");
        });
  }

  @Test
  void readsTheRealOpenLlmV1Sample() {
    List<Csv.Row> rows = Csv.parse(Fixtures.text("leaderboards/openllm-v1/leaderboard_v1_scraped_2024-07-07_sample.csv"));

    assertThat(rows).hasSize(26);
    List<String> header = rows.get(0).fields();
    assertThat(rows).allSatisfy(row -> assertThat(row.fields()).hasSameSizeAs(header));
    List<String> mixtral = rows.get(8).fields();
    assertThat(mixtral.get(header.indexOf("type"))).isEqualTo("💬 chat models (RLHF, DPO, IFT, ...)");
    assertThat(mixtral.get(header.indexOf("fullname"))).isEqualTo("mistralai/Mixtral-8x7B-Instruct-v0.1");
    Csv.Row ultra = rows.stream().filter(r -> r.fields().get(header.indexOf("fullname")).equals("openbmb/UltraLM-65b"))
        .findFirst().orElseThrow();
    assertThat(ultra.line()).isEqualTo(18);
    assertThat(ultra.fields().get(header.indexOf("hub_license"))).isEmpty(); // bare: readr's NA
    assertThat(ultra.fields().get(header.indexOf("model_sha"))).isEmpty(); // quoted ""
  }
}
