package dev.llmcatalog.diff;

import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** The unified diff of two texts (of the catalog markdown), as {@code git diff} shows it. */
public final class TextDiff {
  private TextDiff() {}

  /** Empty when the texts are equal. */
  public static String unified(String name, String before, String after) {
    List<String> original = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
    List<String> revised = after.isEmpty() ? List.of() : List.of(after.split("\n", -1));
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, original,
        LineDiff.diff(original, revised), 3);
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
