package dev.llmcatalog.source.openllm;

import dev.llmcatalog.format.CsvRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard CSV fixtures as rows keyed by their header, so that tests can compare the source's
 * observations with the values the leaderboard itself published. readr's NA and an empty string both read as
 * {@code ""}: no test needs them apart.
 */
final class CsvTable {
  private CsvTable() {}

  /** Data records keyed by the header's names, in file order; a record of another width fails the test. */
  static List<Map<String, String>> rows(String text) {
    List<CsvRecords.Row> records = CsvRecords.read(text);
    List<String> header = records.get(0).fields();
    List<Map<String, String>> rows = new ArrayList<>();
    for (CsvRecords.Row record : records.subList(1, records.size())) {
      if (record.fields().size() != header.size()) {
        throw new IllegalArgumentException("line " + record.line() + " has " + record.fields().size()
            + " fields, the header " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), record.fields().get(c));
      }
      rows.add(row);
    }
    return rows;
  }
}
