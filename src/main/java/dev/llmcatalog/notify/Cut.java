package dev.llmcatalog.notify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Cuts a message to a platform's size limit, saying so and where the whole summary is. */
final class Cut {
  private Cut() {}

  /**
   * {@code text} if it has at most {@code maxBytes} UTF-8 bytes; else its head, ending at a line break where one is
   * near, followed by a note naming {@code summaryPath}, all within {@code maxBytes}.
   */
  static String toBytes(String text, int maxBytes, Optional<String> summaryPath) {
    if (utf8(text) <= maxBytes) {
      return text;
    }
    String note = "\n\n[cut to fit; the whole summary is in " + summaryPath.orElse("the run's summary file") + "]";
    int budget = maxBytes - utf8(note);
    if (budget <= 0) {
      return note.strip();
    }
    int end = 0;
    int bytes = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = utf8(new String(Character.toChars(cp)));
      if (bytes + size > budget) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    int line = text.lastIndexOf('\n', end);
    if (line > end / 2) {
      end = line; // a whole line rather than half a table row, unless that loses half the room
    }
    return text.substring(0, end).stripTrailing() + note;
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
