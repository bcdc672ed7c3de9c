package dev.llmcatalog.source.opencompass;

import java.util.List;

/**
 * An edition's {@code OverallTable} as read: its rows, the dimensions not in the parser's list that became metrics
 * (new dimensions do appear between editions) and the unknown numeric fields left out as metadata, both by field
 * name, for the log.
 */
record TableRows(List<BoardRow> rows, List<String> newDimensions, List<String> ignoredFields) {
  TableRows {
    rows = List.copyOf(rows);
    newDimensions = List.copyOf(newDimensions);
    ignoredFields = List.copyOf(ignoredFields);
  }
}
