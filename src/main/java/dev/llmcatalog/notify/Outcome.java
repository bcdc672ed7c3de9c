package dev.llmcatalog.notify;

import java.util.List;
import java.util.Optional;

/**
 * What a sync did, as far as notifications care: its run, how many changes worth reviewing it found (as {@code diff}
 * counts them), which sources failed (or were partial), and the text to send: the review summary, or a note of the
 * failures when nothing changed.
 *
 * @param summaryPath the summary file, named when a message must be cut to a platform's limit
 */
public record Outcome(long runId, long changes, List<String> failed, String text, Optional<String> summaryPath) {
  public Outcome {
    failed = List.copyOf(failed);
  }

  /** The subject line of every notification of this outcome. */
  String subject() {
    StringBuilder s = new StringBuilder("llm-catalog run ").append(runId).append(": ");
    if (changes > 0) {
      s.append(changes).append(changes == 1 ? " change" : " changes");
    }
    if (!failed.isEmpty()) {
      s.append(changes > 0 ? ", " : "").append(failed.size() == 1 ? "1 source failed (" : failed.size() + " sources failed (")
          .append(String.join(", ", failed)).append(')');
    }
    if (changes == 0 && failed.isEmpty()) {
      s.append("no changes");
    }
    return s.toString();
  }
}
