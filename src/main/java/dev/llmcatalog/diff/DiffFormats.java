package dev.llmcatalog.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.format.Mappers;
import java.io.UncheckedIOException;
import java.util.List;

/** Text (aligned, optionally coloured), markdown and JSON renderings of a diff. */
public final class DiffFormats {
  private static final String RESET = "\u001b[0m";
  private static final String GREEN = "\u001b[32m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";

  private DiffFormats() {}

  /** One row of a change as a reviewer reads it: what, model (and variant), old, new, delta. */
  record Row(String kind, String model, String what, String oldValue, String newValue, String delta) {}

  static Row row(Change change) {
    if (change instanceof Change.ModelAdded c) {
      return new Row("added", c.model(), "", "", "", "");
    }
    if (change instanceof Change.ModelRemoved c) {
      return new Row("removed", c.model(), "", "", "", "");
    }
    if (change instanceof Change.ModelRenamed c) {
      return new Row("renamed", c.model(), "", c.oldId(), c.model(), "");
    }
    if (change instanceof Change.MetricChanged c) {
      return new Row("metric", withVariant(c.model(), c.variant()), c.metric(), orDash(c.oldValue()), orDash(c.newValue()),
          c.delta() == null ? "" : c.delta());
    }
    if (change instanceof Change.FieldChanged c) {
      return new Row("changed", withVariant(c.model(), c.variant()), c.field(), orDash(c.oldValue()), orDash(c.newValue()), "");
    }
    Change.RankChanged c = (Change.RankChanged) change;
    return new Row("rank", c.model(), c.table(), rank(c.oldRank()), rank(c.newRank()),
        c.oldRank() == 0 || c.newRank() == 0 ? "" : signed(c.oldRank() - c.newRank()));
  }

  /** Sources without changes are left out; when no source changed, one line says so. */
  public static String text(List<SourceDiff> diffs, boolean colour) {
    StringBuilder out = new StringBuilder();
    if (diffs.stream().allMatch(d -> d.changes().isEmpty())) {
      return "no changes in " + diffs.size() + " sources\n";
    }
    for (SourceDiff diff : diffs) {
      if (diff.changes().isEmpty()) {
        continue;
      }
      out.append(diff.source()).append(" (snapshot ").append(diff.fromSnapshot()).append(" -> ").append(diff.toSnapshot())
          .append("): ").append(diff.changes().size()).append(diff.changes().size() == 1 ? " change" : " changes").append('\n');
      List<Row> rows = diff.changes().stream().map(DiffFormats::row).toList();
      int[] width = new int[4];
      for (Row r : rows) {
        width[0] = Math.max(width[0], r.kind().length());
        width[1] = Math.max(width[1], r.model().length());
        width[2] = Math.max(width[2], r.what().length());
        width[3] = Math.max(width[3], r.oldValue().length());
      }
      for (Row r : rows) {
        String line = String.format("  %-" + width[0] + "s  %-" + width[1] + "s  %-" + Math.max(1, width[2]) + "s  ", r.kind(),
            r.model(), r.what());
        if (!r.oldValue().isEmpty() || !r.newValue().isEmpty()) {
          line += String.format("%" + width[3] + "s -> %s", r.oldValue(), r.newValue()) + (r.delta().isEmpty() ? "" : " (" + r.delta() + ")");
        }
        line = line.stripTrailing();
        String color = switch (r.kind()) {
          case "added" -> GREEN;
          case "removed" -> RED;
          default -> YELLOW;
        };
        out.append(colour ? color + line + RESET : line).append('\n');
      }
    }
    return out.toString();
  }

  /** Sources without changes are left out; when no source changed, one line says so. */
  public static String markdown(List<SourceDiff> diffs) {
    StringBuilder out = new StringBuilder();
    if (diffs.stream().allMatch(d -> d.changes().isEmpty())) {
      return "No changes.\n";
    }
    for (SourceDiff diff : diffs) {
      if (diff.changes().isEmpty()) {
        continue;
      }
      out.append("### ").append(diff.source()).append(" (snapshot ").append(diff.fromSnapshot()).append(" → ")
          .append(diff.toSnapshot()).append(")\n\n");
      out.append("| change | model | what | old | new | Δ |\n| --- | --- | --- | --- | --- | --- |\n");
      for (Change change : diff.changes()) {
        Row r = row(change);
        out.append("| ").append(String.join(" | ", List.of(r.kind(), cell(r.model()), cell(r.what()), cell(r.oldValue()),
            cell(r.newValue()), cell(r.delta())))).append(" |\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Stable JSON: sources in order, changes in order, fixed keys (documented in the README). */
  public static String json(List<SourceDiff> diffs) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode sources = root.putArray("sources");
    for (SourceDiff diff : diffs) {
      ObjectNode s = sources.addObject();
      s.put("source", diff.source());
      s.put("from_snapshot", diff.fromSnapshot());
      s.put("to_snapshot", diff.toSnapshot());
      ArrayNode changes = s.putArray("changes");
      for (Change change : diff.changes()) {
        ObjectNode c = changes.addObject();
        if (change instanceof Change.ModelAdded a) {
          c.put("type", "model_added").put("model", a.model());
        } else if (change instanceof Change.ModelRemoved r) {
          c.put("type", "model_removed").put("model", r.model());
        } else if (change instanceof Change.ModelRenamed r) {
          c.put("type", "model_renamed").put("model", r.model()).put("old_id", r.oldId());
        } else if (change instanceof Change.MetricChanged m) {
          c.put("type", "metric_changed").put("model", m.model()).put("variant", m.variant()).put("metric", m.metric())
              .put("old", m.oldValue()).put("new", m.newValue()).put("delta", m.delta());
        } else if (change instanceof Change.FieldChanged f) {
          c.put("type", "field_changed").put("model", f.model()).put("variant", f.variant()).put("field", f.field())
              .put("old", f.oldValue()).put("new", f.newValue());
        } else if (change instanceof Change.RankChanged r) {
          c.put("type", "rank_changed").put("model", r.model()).put("table", r.table()).put("old_rank", r.oldRank())
              .put("new_rank", r.newRank());
        }
      }
    }
    try {
      return Mappers.PRETTY_JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String withVariant(String model, String variant) {
    return variant.isEmpty() ? model : model + " [" + variant + "]";
  }

  private static String orDash(String value) {
    return value == null ? "—" : value;
  }

  private static String rank(int rank) {
    return rank == 0 ? "—" : "#" + rank;
  }

  private static String signed(int n) {
    return n > 0 ? "+" + n : String.valueOf(n);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
