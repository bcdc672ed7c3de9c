package dev.llmcatalog.source.mteb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The results repository's root {@code paths.json}: model folder ({@code BAAI__bge-base-zh-v1.5}) -> the paths of
 * its task files ({@code results/<folder>/<revision>/<Task>.json}), as {@code get_paths()} in the repository's
 * {@code results.py} writes it (only the files directly in a revision folder, without {@code model_meta.json} and
 * {@code overall_results.json}; a folder without such files is not listed). Pure: a shape it does not know fails with
 * an {@link IllegalArgumentException} saying what it found.
 */
final class ResultsIndex {
  /** Files of a revision folder that hold no task scores; {@code get_paths()} leaves them out already. */
  static final Set<String> NOT_TASKS = Set.of("model_meta.json", "overall_results.json");

  private final JsonNode folders;

  private ResultsIndex(JsonNode folders) {
    this.folders = folders;
  }

  /** Checks the whole index's shape: a non-empty object whose every value is a list of path strings. */
  static ResultsIndex parse(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("expected an object of model folder -> result file paths, got " + json.getNodeType());
    }
    if (json.isEmpty()) {
      throw new IllegalArgumentException("the index lists no model folder");
    }
    for (Map.Entry<String, JsonNode> folder : json.properties()) {
      JsonNode paths = folder.getValue();
      if (!paths.isArray()) {
        throw new IllegalArgumentException("'" + folder.getKey() + "' is not a list of paths (" + paths.getNodeType() + ")");
      }
      for (JsonNode path : paths) {
        if (!path.isTextual()) {
          throw new IllegalArgumentException("'" + folder.getKey() + "' lists a " + path.getNodeType() + ", not a path");
        }
      }
    }
    return new ResultsIndex(json);
  }

  /** How many model folders the index lists. */
  int size() {
    return folders.size();
  }

  /**
   * The task files listed for {@code modelId}, sorted by path; empty when its folder is not listed (or lists no task
   * file). A path outside {@code results/<folder>/<revision>/<Task>.json} is a layout change and fails.
   */
  Optional<List<ResultFile>> filesOf(String modelId) {
    String folder = folderOf(modelId);
    JsonNode paths = folders.get(folder);
    if (paths == null) {
      return Optional.empty();
    }
    String prefix = "results/" + folder + "/";
    Set<String> sorted = new TreeSet<>();
    paths.forEach(p -> sorted.add(p.asText()));
    List<ResultFile> files = new ArrayList<>();
    for (String path : sorted) {
      String[] parts = path.startsWith(prefix) ? path.substring(prefix.length()).split("/", -1) : new String[0];
      if (parts.length != 2 || parts[0].isEmpty() || !parts[1].endsWith(".json") || parts[1].equals(".json")) {
        throw new IllegalArgumentException("'" + folder + "' lists '" + path + "' (expected " + prefix
            + "<revision>/<Task>.json)");
      }
      if (!NOT_TASKS.contains(parts[1])) {
        files.add(new ResultFile(path, parts[0], parts[1].substring(0, parts[1].length() - ".json".length())));
      }
    }
    return files.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(files));
  }

  /** {@code BAAI/bge-base-zh-v1.5} -> {@code BAAI__bge-base-zh-v1.5}, the results repository's folder name. */
  static String folderOf(String modelId) {
    return modelId.replace("/", "__");
  }
}
