package dev.llmcatalog.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.DeleteDelta;
import com.github.difflib.patch.InsertDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A line diff that stays fast on catalogs of 100,000 lines: patience diff (as {@code git diff --patience}) around
 * java-diff-utils' Myers. Myers alone costs lines x edits, so a first catalog (every line added) or a day on which
 * most download counts moved would take hours. Here common prefix and suffix are cut off, lines that occur once on
 * each side anchor the rest (their longest common order is kept), and only the gaps between anchors go to Myers;
 * a gap too large for it, which then has no line in common worth finding, becomes one replacement.
 */
final class LineDiff {
  /** Lines (both sides) in one gap above which Myers is not asked. */
  static final int MYERS_LIMIT = 4_000;

  private final List<String> a;
  private final List<String> b;
  private final Patch<String> patch = new Patch<>();

  private LineDiff(List<String> a, List<String> b) {
    this.a = a;
    this.b = b;
  }

  /** The deltas turning {@code a} into {@code b}, in order. */
  static Patch<String> diff(List<String> a, List<String> b) {
    LineDiff diff = new LineDiff(a, b);
    diff.range(0, a.size(), 0, b.size());
    return diff.patch;
  }

  private void range(int aStart, int aEnd, int bStart, int bEnd) {
    while (aStart < aEnd && bStart < bEnd && a.get(aStart).equals(b.get(bStart))) {
      aStart++;
      bStart++;
    }
    while (aStart < aEnd && bStart < bEnd && a.get(aEnd - 1).equals(b.get(bEnd - 1))) {
      aEnd--;
      bEnd--;
    }
    if (aStart == aEnd && bStart == bEnd) {
      return;
    }
    if (aStart == aEnd || bStart == bEnd) {
      add(aStart, aEnd, bStart, bEnd);
      return;
    }
    List<int[]> anchors = anchors(aStart, aEnd, bStart, bEnd);
    if (anchors.isEmpty()) {
      gap(aStart, aEnd, bStart, bEnd);
      return;
    }
    int ai = aStart;
    int bi = bStart;
    for (int[] anchor : anchors) {
      range(ai, anchor[0], bi, anchor[1]);
      ai = anchor[0] + 1;
      bi = anchor[1] + 1;
    }
    range(ai, aEnd, bi, bEnd);
  }

  /**
   * Lines occurring exactly once in each range, as (index in a, index in b) pairs, reduced to the longest run
   * in the same order on both sides (patience sorting: a longest increasing subsequence of the b indexes).
   */
  private List<int[]> anchors(int aStart, int aEnd, int bStart, int bEnd) {
    Map<String, int[]> seen = new HashMap<>(); // line -> {count in a, index in a, count in b, index in b}
    for (int i = aStart; i < aEnd; i++) {
      int[] s = seen.computeIfAbsent(a.get(i), k -> new int[4]);
      s[0]++;
      s[1] = i;
    }
    for (int j = bStart; j < bEnd; j++) {
      int[] s = seen.get(b.get(j));
      if (s != null) {
        s[2]++;
        s[3] = j;
      }
    }
    List<int[]> unique = new ArrayList<>();
    for (int i = aStart; i < aEnd; i++) {
      int[] s = seen.get(a.get(i));
      if (s[0] == 1 && s[2] == 1) {
        unique.add(new int[] {i, s[3]});
      }
    }
    return longestIncreasing(unique);
  }

  /** The longest subsequence of {@code pairs} (ordered by a index) whose b indexes increase. */
  private static List<int[]> longestIncreasing(List<int[]> pairs) {
    int[] tails = new int[pairs.size()]; // tails[k]: index in pairs of the smallest tail of a run of length k+1
    int[] previous = new int[pairs.size()];
    int length = 0;
    for (int p = 0; p < pairs.size(); p++) {
      int value = pairs.get(p)[1];
      int lo = 0;
      int hi = length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (pairs.get(tails[mid])[1] < value) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      previous[p] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = p;
      length = Math.max(length, lo + 1);
    }
    List<int[]> run = new ArrayList<>(length);
    for (int p = length == 0 ? -1 : tails[length - 1]; p >= 0; p = previous[p]) {
      run.add(pairs.get(p));
    }
    Collections.reverse(run);
    return run;
  }

  /** A gap without anchors: Myers when it is small enough, else one replacement. */
  private void gap(int aStart, int aEnd, int bStart, int bEnd) {
    if ((aEnd - aStart) + (bEnd - bStart) > MYERS_LIMIT) {
      add(aStart, aEnd, bStart, bEnd);
      return;
    }
    for (AbstractDelta<String> d : DiffUtils.diff(a.subList(aStart, aEnd), b.subList(bStart, bEnd)).getDeltas()) {
      int from = aStart + d.getSource().getPosition();
      int to = bStart + d.getTarget().getPosition();
      add(from, from + d.getSource().size(), to, to + d.getTarget().size());
    }
  }

  private void add(int aStart, int aEnd, int bStart, int bEnd) {
    Chunk<String> source = new Chunk<>(aStart, a.subList(aStart, aEnd));
    Chunk<String> target = new Chunk<>(bStart, b.subList(bStart, bEnd));
    if (aStart == aEnd) {
      patch.addDelta(new InsertDelta<>(source, target));
    } else if (bStart == bEnd) {
      patch.addDelta(new DeleteDelta<>(source, target));
    } else {
      patch.addDelta(new ChangeDelta<>(source, target));
    }
  }
}
