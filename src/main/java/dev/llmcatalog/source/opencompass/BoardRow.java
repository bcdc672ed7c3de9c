package dev.llmcatalog.source.opencompass;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an edition's {@code OverallTable}: the board's model name, its organization and chat/base
 * label (null when absent), and every numeric field by canonical metric key, exact as the JSON gives it.
 */
record BoardRow(String model, String org, String chatOrBase, Map<String, BigDecimal> scores) {
  BoardRow {
    scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }
}
