package dev.llmcatalog.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  private static List<String> lines(int n) {
    return IntStream.range(0, n).mapToObj(i -> "- [org/model-" + i + "](https://huggingface.co/org/model-" + i + ")").toList();
  }

  @Test
  void everyPatchTurnsTheFirstTextIntoTheSecond() throws PatchFailedException {
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      List<String> a = new ArrayList<>();
      int n = random.nextInt(60);
      for (int i = 0; i < n; i++) {
        a.add(random.nextInt(4) == 0 ? "" : "line " + random.nextInt(40)); // repeats and blank lines on purpose
      }
      List<String> b = new ArrayList<>(a);
      for (int edits = random.nextInt(8); edits > 0; edits--) {
        int op = random.nextInt(3);
        if (op == 0 || b.isEmpty()) {
          b.add(random.nextInt(b.size() + 1), "new " + random.nextInt(40));
        } else if (op == 1) {
          b.remove(random.nextInt(b.size()));
        } else {
          String moved = b.remove(random.nextInt(b.size()));
          b.add(random.nextInt(b.size() + 1), moved); // a move
        }
      }
      Patch<String> patch = LineDiff.diff(a, b);
      assertThat(patch.applyTo(a)).as("round %d: %s -> %s", round, a, b).isEqualTo(b);
    }
  }

  @Test
  void oneChangedLineAmongManyIsOneDelta() {
    List<String> a = lines(10_000);
    List<String> b = new ArrayList<>(a);
    b.set(4_321, "- [org/model-4321](https://huggingface.co/org/model-4321) · downloads 1.2k");

    List<AbstractDelta<String>> deltas = LineDiff.diff(a, b).getDeltas();

    assertThat(deltas).hasSize(1);
    assertThat(deltas.get(0).getType()).isEqualTo(DeltaType.CHANGE);
    assertThat(deltas.get(0).getSource().getPosition()).isEqualTo(4_321);
    assertThat(deltas.get(0).getTarget().getLines()).containsExactly(b.get(4_321));
  }

  @Test
  void aNewCatalogIsOneInsertion() {
    List<String> b = lines(100_000);

    List<AbstractDelta<String>> deltas = LineDiff.diff(List.of(), b).getDeltas();

    assertThat(deltas).hasSize(1);
    assertThat(deltas.get(0).getType()).isEqualTo(DeltaType.INSERT);
    assertThat(deltas.get(0).getTarget().getLines()).hasSize(100_000);
  }

  @Test
  void aModelMovingUpIsOneDeletionAndOneInsertion() {
    List<String> a = lines(1_000);
    List<String> b = new ArrayList<>(a);
    b.add(10, b.remove(900)); // model 900 climbs to rank 11

    List<AbstractDelta<String>> deltas = LineDiff.diff(a, b).getDeltas();

    assertThat(deltas).extracting(AbstractDelta::getType).containsExactly(DeltaType.INSERT, DeltaType.DELETE);
    assertThat(deltas.get(0).getTarget().getLines()).containsExactly(a.get(900));
    assertThat(deltas.get(1).getSource().getPosition()).isEqualTo(900);
  }

  @Test
  void everyLineChangedInAHugeTextIsOneReplacement() {
    List<String> a = lines(50_000);
    List<String> b = a.stream().map(l -> l + " · likes 1").toList();

    List<AbstractDelta<String>> deltas = LineDiff.diff(a, b).getDeltas();

    assertThat(deltas).hasSize(1);
    assertThat(deltas.get(0).getSource().size()).isEqualTo(50_000);
    assertThat(deltas.get(0).getTarget().size()).isEqualTo(50_000);
  }

  @Test
  void theUnifiedDiffReadsLikeGits() {
    String before = "# Catalog\n\n### Chat\n- a · downloads 1k\n- b · downloads 2k\n- c · downloads 3k\n";
    String after = "# Catalog\n\n### Chat\n- a · downloads 1k\n- b · downloads 2.5k\n- c · downloads 3k\n- d · downloads 10\n";

    assertThat(TextDiff.unified("catalog.md", before, after)).isEqualTo("""
        --- a/catalog.md
        +++ b/catalog.md
        @@ -2,6 +2,7 @@
        \s
         ### Chat
         - a · downloads 1k
        -- b · downloads 2k
        +- b · downloads 2.5k
         - c · downloads 3k
        +- d · downloads 10
        \s
        """);
  }
}
