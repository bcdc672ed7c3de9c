package dev.llmcatalog.source.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Every row of one dataset split as the dataset viewer returns them: the column names ({@code features})
 * and each row's cells by column name. {@code url} is the first page's URL (where the data can be read).
 */
public record DatasetRows(List<String> columns, List<Map<String, JsonNode>> rows, long total, String url) {
  public DatasetRows {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
