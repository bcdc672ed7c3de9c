package dev.llmcatalog.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.store.SnapshotInfo;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The JSON of {@code --format json}: built as trees (keys in a fixed, documented order) and printed as diff prints it. */
final class Json {
  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** {@code root} indented, keys in the order they were put, and a newline: one document per command. */
  static void print(PrintWriter out, ObjectNode root) {
    try {
      out.print(Mappers.PRETTY_JSON.writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A snapshot as {@code snapshots} and {@code sync} print it; status is ok, partial or failed. */
  static void putSnapshot(ObjectNode o, SnapshotInfo s) {
    o.put("id", s.id())
        .put("run", s.runId())
        .put("source", s.source())
        .put("status", s.partial() ? "partial" : s.status())
        .put("started_at", s.startedAt())
        .put("finished_at", s.finishedAt())
        .put("models", s.subjects())
        .put("missing", s.missing())
        .put("values_added", s.valuesAdded())
        .put("values_closed", s.valuesClosed())
        .put("data_date", s.dataDate())
        .put("error", s.error())
        .put("warning", s.warning());
  }
}
