package dev.llmcatalog.source.tabby;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One cell of the board: a model's next-line accuracy (%) for one language in one context mode.
 * {@code language} is the canonical key ({@code csharp}, {@code typescript}, ...), {@code value} the
 * exact number read from {@code text}, the scalar as the YAML file spells it ({@code 50}, {@code 10.0}).
 */
record TabbyScore(String language, BigDecimal value, String text) {
  TabbyScore {
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(text, "text == null");
  }
}
