package dev.llmcatalog.source.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  @Test
  void readsBareFieldsWithLfOrCrlf() {
    assertThat(CsvReader.parse("a,b,c\n1,2,3\n")).containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
    assertThat(CsvReader.parse("a,b\r\n1,2\r\n")).containsExactly(List.of("a", "b"), List.of("1", "2"));
  }

  @Test
  void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
    List<List<String>> records = CsvReader.parse("key,Model,Link\r\n"
        + "x,\"Claude 3 Opus, 2024\",\"say \"\"hi\"\"\"\r\n"
        + "y,\"two\r\nlines\",\"\"\r\n");

    assertThat(records).containsExactly(
        List.of("key", "Model", "Link"),
        List.of("x", "Claude 3 Opus, 2024", "say \"hi\""),
        List.of("y", "two\r\nlines", ""));
  }

  @Test
  void emptyFieldsAndAMissingFinalLineBreakAreKept() {
    assertThat(CsvReader.parse("a,,c\n,,")).containsExactly(List.of("a", "", "c"), List.of("", "", ""));
    assertThat(CsvReader.parse("x,\"q\"")).containsExactly(List.of("x", "q"));
  }

  @Test
  void skipsAByteOrderMarkAndBlankLines() {
    assertThat(CsvReader.parse("\uFEFFModel,MMLU\n\nGPT-4,0.864\n\n")).containsExactly(
        List.of("Model", "MMLU"), List.of("GPT-4", "0.864"));
    assertThat(CsvReader.parse("")).isEmpty();
  }

  @Test
  void aQuoteInsideABareFieldIsText() {
    assertThat(CsvReader.parse("5\" disk,x\n")).containsExactly(List.of("5\" disk", "x"));
  }

  @Test
  void anUnclosedQuoteNamesItsLine() {
    assertThatThrownBy(() -> CsvReader.parse("a,b\n1,\"open\n2,3\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("line 2: quoted field is never closed");
  }

  @Test
  void textAfterAClosingQuoteIsAnError() {
    assertThatThrownBy(() -> CsvReader.parse("a,b\n\"x\"y,2\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2: 'y' after a closing quote");
  }
}
