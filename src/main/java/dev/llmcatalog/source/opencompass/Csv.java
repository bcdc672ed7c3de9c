package dev.llmcatalog.source.opencompass;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, optionally in double quotes (which may hold commas,
 * line breaks and doubled quotes), records ended by LF or CRLF. OpenCompass itself never quotes (it
 * replaces commas by spaces), but a file re-saved by a spreadsheet does. A quote inside an unquoted
 * field is kept as text, as lenient readers do.
 */
final class Csv {
  /** One record and the 1-based line it starts on, for error messages. */
  record Row(int line, List<String> fields) {
    Row {
      fields = List.copyOf(fields);
    }
  }

  private Csv() {}

  /**
   * Every record of {@code text}; blank lines are skipped.
   *
   * @throws SummaryCsvException when a quoted field is never closed
   */
  static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    int rowLine = 1;
    int i = 0;
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
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == '"' && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
        continue;
      } else if (c == '\n') {
        endRecord(rows, fields, field, rowLine);
        fieldStarted = false;
        line++;
        rowLine = line;
      } else {
        field.append(c);
        fieldStarted = true;
      }
      i++;
    }
    if (quoted) {
      throw new SummaryCsvException(rowLine, "unclosed quote");
    }
    endRecord(rows, fields, field, rowLine);
    return rows;
  }

  private static void endRecord(List<Row> rows, List<String> fields, StringBuilder field, int line) {
    if (fields.isEmpty() && field.isEmpty()) {
      return;
    }
    fields.add(field.toString());
    rows.add(new Row(line, fields));
    fields.clear();
    field.setLength(0);
  }
}
