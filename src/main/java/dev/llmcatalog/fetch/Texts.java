package dev.llmcatalog.fetch;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import okhttp3.Request;

/** Wording shared by the fetch layer's messages and log lines (never headers, so never the token). */
final class Texts {
  private Texts() {}

  /** {@code 7 s}, {@code 1.5 s}, {@code 0.25 s}: a duration as people read waits. */
  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
  }

  /** {@code GET https://host/path?query}, without the long {@code expand} parameters. */
  static String call(Request request) {
    return request.method() + " " + Fetcher.display(request.url());
  }

  static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
