package dev.llmcatalog.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV text as its records, each with the line it starts on, read by {@link Mappers#CSV}: fields in double quotes
 * may hold commas, line breaks and doubled quotes; records end with LF, CRLF or CR. Writers quote only when needed
 * (pandas for the arena tables, a spreadsheet re-saving an OpenCompass summary), so quoted and bare fields mix.
 *
 * <p>Lenient where a sensible reading exists: a leading byte-order mark and blank lines are skipped, a final line
 * break is optional, a quote inside a bare field is text. Fields are given as written (not trimmed).
 */
public final class CsvRecords {
  /** One record and the 1-based line it starts on, so that callers can name it in their errors. */
  public record Row(int line, List<String> fields) {
    public Row {
      fields = List.copyOf(fields);
    }
  }

  private CsvRecords() {}

  /**
   * Every non-blank record of {@code text}.
   *
   * @throws CsvException for text that is not CSV (a quoted field never closed, text after a closing quote),
   *     naming the line its field starts on and Jackson's reason
   */
  public static List<Row> read(String text) {
    List<Row> rows = new ArrayList<>();
    int line = 1; // where the field being read starts (the parser stops just after the last one): an error's line
    // Jackson would keep a byte-order mark at the start of a String as text of the first field.
    try (JsonParser p = Mappers.CSV.createParser(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
      p.nextToken(); // the one array of all records
      while (p.nextToken() == JsonToken.START_ARRAY) {
        line = p.currentLocation().getLineNr();
        int start = line;
        List<String> fields = new ArrayList<>();
        while (p.nextToken() == JsonToken.VALUE_STRING) {
          fields.add(p.getText());
          line = p.currentLocation().getLineNr();
        }
        // A blank line is a record of one empty field to Jackson.
        if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
          rows.add(new Row(start, fields));
        }
      }
      return rows;
    } catch (JacksonException e) {
      throw new CsvException(line, e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does no I/O
    }
  }
}
