package dev.llmcatalog.source.arena;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line breaks
 * and doubled quotes; records end with CRLF or LF. The Space's tables are written by pandas, which quotes
 * only when needed, so both quoted and bare fields occur in one file.
 */
final class CsvReader {
  private CsvReader() {}

  /**
   * Every record of {@code text}, fields as given (not trimmed). A leading byte-order mark and blank lines
   * are skipped; a final line break is optional.
   *
   * @throws IllegalArgumentException for an unterminated quoted field or text after a closing quote,
   *     naming the line
   */
  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    boolean quoted = false;
    boolean afterQuote = false; // just closed a quoted field: only a separator may follow
    int quoteLine = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          afterQuote = true;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        afterQuote = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        afterQuote = false;
        addUnlessBlank(records, record);
        record = new ArrayList<>();
        line++;
      } else if (afterQuote) {
        throw new IllegalArgumentException("line " + line + ": '" + c + "' after a closing quote (expected ',' or a line break)");
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        quoteLine = line;
      } else {
        field.append(c); // a quote inside a bare field is kept as text, as most writers and readers do
      }
      i++;
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + quoteLine + ": quoted field is never closed");
    }
    if (field.length() > 0 || afterQuote || !record.isEmpty()) {
      record.add(field.toString());
      addUnlessBlank(records, record);
    }
    return records;
  }

  private static void addUnlessBlank(List<List<String>> records, List<String> record) {
    if (record.size() == 1 && record.get(0).isEmpty()) {
      return;
    }
    records.add(List.copyOf(record));
  }
}
