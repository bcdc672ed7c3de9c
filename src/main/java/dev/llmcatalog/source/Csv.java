package dev.llmcatalog.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The one RFC 4180 reader of the sources: comma-separated fields, fields in double quotes may hold commas,
 * line breaks and doubled quotes; records end with LF or CRLF. Writers quote only when needed (pandas for
 * the arena tables, a spreadsheet re-saving an OpenCompass summary), so quoted and bare fields occur in one
 * file.
 *
 * <p>Lenient where a sensible reading exists: a leading byte-order mark and blank lines are skipped, a final
 * line break is optional and a quote inside a bare field is text, as most writers and readers have it.
 * Strict where the text is ambiguous: a quoted field that is never closed and text after a closing quote
 * are errors naming their line.
 */
public final class Csv {
  /** One record, with the 1-based line it starts on so that callers can name it in their errors. */
  public record Row(int line, List<String> fields) {
    public Row {
      fields = List.copyOf(fields);
    }
  }

  /** Text that is not CSV: {@code line} (1-based) and what is wrong there. */
  public static final class CsvException extends IllegalArgumentException {
    private final int line;
    private final String reason;

    CsvException(int line, String reason) {
      super("line " + line + ": " + reason);
      this.line = line;
      this.reason = reason;
    }

    public int line() {
      return line;
    }

    /** The message without the line, for callers that name file and line their own way. */
    public String reason() {
      return reason;
    }
  }

  private Csv() {}

  /**
   * Every non-blank record of {@code text}, fields as given (not trimmed).
   *
   * @throws CsvException for a quoted field that is never closed (naming the line of its opening quote) or
   *     text after a closing quote
   */
  public static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    int rowLine = 1;
    int quoteLine = 0;
    boolean quoted = false;
    boolean afterQuote = false; // just closed a quoted field: only a separator may follow
    while (i < text.length()) {
      char c = text.charAt(i);
      int breakLength = lineBreakAt(text, i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
        } else if (c == '"') {
          quoted = false;
          afterQuote = true;
          i++;
        } else {
          if (breakLength > 0) {
            line++;
          }
          int length = Math.max(breakLength, 1);
          field.append(text, i, i + length);
          i += length;
        }
        continue;
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
      } else if (breakLength > 0) {
        fields.add(field.toString());
        addUnlessBlank(rows, rowLine, fields);
        fields.clear();
        field.setLength(0);
        afterQuote = false;
        line++;
        rowLine = line;
        i += breakLength;
        continue;
      } else if (afterQuote) {
        throw new CsvException(line, "'" + c + "' after a closing quote (expected ',' or a line break)");
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        quoteLine = line;
      } else {
        field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new CsvException(quoteLine, "quoted field is never closed");
    }
    if (field.length() > 0 || afterQuote || !fields.isEmpty()) {
      fields.add(field.toString());
      addUnlessBlank(rows, rowLine, fields);
    }
    return rows;
  }

  /**
   * The fields of every non-blank record of {@code text}, for callers that need no line numbers.
   *
   * @throws CsvException as {@link #parse(String)} does
   */
  public static List<List<String>> records(String text) {
    return parse(text).stream().map(Row::fields).toList();
  }

  /** 2 for CRLF, 1 for LF or a lone CR, 0 for no line break at {@code i}. */
  private static int lineBreakAt(String text, int i) {
    char c = text.charAt(i);
    if (c == '\n') {
      return 1;
    }
    if (c != '\r') {
      return 0;
    }
    return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
  }

  private static void addUnlessBlank(List<Row> rows, int line, List<String> fields) {
    if (fields.size() == 1 && fields.get(0).isEmpty()) {
      return;
    }
    rows.add(new Row(line, fields));
  }
}
