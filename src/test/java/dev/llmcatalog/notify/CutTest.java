package dev.llmcatalog.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cutting a summary to a byte limit: whole characters, a line break when one is near, the pointer within the limit. */
class CutTest {
  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void aTextWithinTheLimitIsKeptWhole() {
    assertThat(Cut.toBytes("模型\n", 7, Optional.empty())).isEqualTo("模型\n");
  }

  @Test
  void aLongTextEndsAtALineBreakWithThePointerAndStaysWithinTheLimit() {
    String text = "line one\n".repeat(40);

    String cut = Cut.toBytes(text, 200, Optional.of("db/summary.md"));

    assertThat(bytes(cut)).isLessThanOrEqualTo(200);
    assertThat(cut).endsWith("line one\n\n[cut to fit; the whole summary is in db/summary.md]").startsWith("line one\n");
  }

  @Test
  void multiByteCharactersAndSurrogatePairsAreNeverSplit() {
    String text = "模😀".repeat(100); // 3 + 4 bytes each pair, no line breaks

    String cut = Cut.toBytes(text, 100, Optional.empty());

    assertThat(bytes(cut)).isLessThanOrEqualTo(100);
    assertThat(new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(cut);
    assertThat(cut.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)).isTrue();
    assertThat(cut).startsWith("模😀模😀").endsWith("[cut to fit; the whole summary is in the run's summary file]");
  }
}
