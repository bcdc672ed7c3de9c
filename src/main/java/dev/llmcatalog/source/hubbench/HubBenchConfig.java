package dev.llmcatalog.source.hubbench;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmcatalog.config.ConfigInvalid;
import dev.llmcatalog.config.SectionSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The config's {@code hub_benchmarks} section: which Hub benchmark leaderboards the source reads. Each board is a
 * benchmark dataset of the Hub ({@code Idavidrein/gpqa}); the source keeps its first {@code top} entries, of root
 * models only (the Hub's default view) unless {@code fine_tunes} is true.
 */
public record HubBenchConfig(List<Board> boards) {
  /** The official boards the shipped catalog shows. */
  public static final List<String> DEFAULT_BOARDS = List.of(
      "Idavidrein/gpqa", "TIGER-Lab/MMLU-Pro", "cais/hle", "SWE-bench/SWE-bench_Verified");
  public static final int DEFAULT_TOP = 10;
  public static final SectionSpec<HubBenchConfig> SECTION = new SectionSpec<>("hub_benchmarks", HubBenchConfig.class,
      new HubBenchConfig(DEFAULT_BOARDS.stream().map(id -> new Board(id, DEFAULT_TOP, false)).toList()));

  public HubBenchConfig {
    boards = List.copyOf(boards);
    if (boards.isEmpty()) {
      throw new ConfigInvalid("boards", "hub_benchmarks.boards: expected at least one benchmark dataset id");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < boards.size(); i++) {
      if (!seen.add(boards.get(i).id())) {
        throw new ConfigInvalid("boards/" + i, "hub_benchmarks.boards: '" + boards.get(i).id() + "' is listed twice");
      }
    }
  }

  @JsonCreator
  static HubBenchConfig bind(@JsonProperty("boards") List<Board> boards) {
    return boards == null ? SECTION.defaults() : new HubBenchConfig(boards);
  }

  /** One board: a benchmark dataset, how many of its entries to keep, and whether fine-tunes count. */
  public record Board(String id, int top, boolean fineTunes) {
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*");

    public Board {
      if (id == null || !DATASET.matcher(id).matches()) {
        throw new ConfigInvalid("id", "hub_benchmarks.boards: '" + id + "' is not a Hub dataset id (owner/name,"
            + " e.g. Idavidrein/gpqa; `llm-catalog benchmarks` lists the official ones)");
      }
      if (top < 1 || top > 1000) {
        throw new ConfigInvalid("top", "hub_benchmarks.boards: top of " + id + " must be 1 to 1000, got " + top);
      }
    }

    @JsonCreator
    static Board bind(@JsonProperty("id") String id, @JsonProperty("top") Integer top,
        @JsonProperty("fine_tunes") Boolean fineTunes) {
      return new Board(id, top == null ? DEFAULT_TOP : top, fineTunes != null && fineTunes);
    }
  }
}
