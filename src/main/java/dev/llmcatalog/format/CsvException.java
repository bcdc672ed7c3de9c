package dev.llmcatalog.format;

/**
 * CSV text that cannot be read as what its reader expects: the 1-based {@code line} (0 for the file as a whole)
 * and what is wrong there. Thrown by {@link CsvRecords} for text that is not CSV, and by the readers of a CSV
 * format for a record that does not fit it.
 */
public final class CsvException extends IllegalArgumentException {
  private final int line;
  private final String reason;

  public CsvException(int line, String reason) {
    super(line > 0 ? "line " + line + ": " + reason : reason);
    this.line = line;
    this.reason = reason;
  }

  public int line() {
    return line;
  }

  /** The message without the line, for callers that name file and line their own way ({@code FILE:LINE: reason}). */
  public String reason() {
    return reason;
  }
}
