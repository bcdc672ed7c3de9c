package dev.llmcatalog.source.opencompass;

/** A summarizer CSV that cannot be read: {@code line} (1-based; 0 for the whole file) and what is wrong there. */
public final class SummaryCsvException extends RuntimeException {
  private final int line;
  private final String reason;

  public SummaryCsvException(int line, String reason) {
    super(line > 0 ? "line " + line + ": " + reason : reason);
    this.line = line;
    this.reason = reason;
  }

  public int line() {
    return line;
  }

  /** The message without the line number, for callers that name file and line themselves. */
  public String reason() {
    return reason;
  }
}
