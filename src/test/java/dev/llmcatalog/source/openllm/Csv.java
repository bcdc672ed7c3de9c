package dev.llmcatalog.source.openllm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RFC 4180 reader for the leaderboard CSV fixtures: quoted fields with commas, line breaks and
 * doubled quotes; LF or CRLF. Like readr, which wrote them, an unquoted empty field is NA (null) while
 * {@code ""} is the empty string.
 */
final class Csv {
  private Csv() {}

  /** Records as lists of cells (null for NA). */
  static List<List<String>> records(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean inQuotes = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          inQuotes = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        inQuotes = true;
        quoted = true;
      } else if (c == ',') {
        record.add(finish(cell, quoted));
        cell.setLength(0);
        quoted = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(finish(cell, quoted));
        records.add(record);
        record = new ArrayList<>();
        cell.setLength(0);
        quoted = false;
      } else {
        cell.append(c);
      }
    }
    if (inQuotes) {
      throw new IllegalArgumentException("unterminated quoted field in record " + (records.size() + 1));
    }
    if (cell.length() > 0 || quoted || !record.isEmpty()) {
      record.add(finish(cell, quoted));
      records.add(record);
    }
    return records;
  }

  /** Data records keyed by the header's names, in file order. */
  static List<Map<String, String>> table(String text) {
    List<List<String>> records = records(text);
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      if (record.size() != header.size()) {
        throw new IllegalArgumentException("record " + (r + 1) + " has " + record.size() + " fields, the header "
            + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), record.get(c));
      }
      rows.add(row);
    }
    return rows;
  }

  private static String finish(StringBuilder cell, boolean quoted) {
    return cell.length() == 0 && !quoted ? null : cell.toString();
  }
}
