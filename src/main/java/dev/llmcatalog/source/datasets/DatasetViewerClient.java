package dev.llmcatalog.source.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.Upstreams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The Hugging Face dataset viewer's {@code GET /rows} and {@code GET /filter} APIs, read in pages of 100 (their
 * maximum) until {@code num_rows_total} rows are in. Errors carry the viewer's {@code X-Error-Code} and {@code error}.
 */
public final class DatasetViewerClient {
  static final int PAGE = 100;

  private final Fetcher fetcher;
  private final HttpUrl base;

  public DatasetViewerClient(Fetcher fetcher, String endpoint) {
    this.fetcher = fetcher;
    this.base = Upstreams.base(endpoint);
  }

  /** Every row of a split. */
  public DatasetRows fetchRows(String dataset, String config, String split) throws FetchException {
    return fetchAll("rows", dataset, config, split, null);
  }

  /**
   * Only the rows of a split that match {@code where} (see {@link #whereEquals}), so that a caller needing one
   * category of a large split reads that category's pages and no others: {@code num_rows_total} counts the matching
   * rows. The viewer answers from an index of the split's Parquet export; an index of part of the split only
   * ({@code partial: true}, splits over 5 GB) would drop rows silently and is refused, as is an answer that changes
   * between pages (another total or {@code X-Revision}: the dataset was updated while it was read) or repeats a row.
   */
  public DatasetRows fetchFiltered(String dataset, String config, String split, String where) throws FetchException {
    return fetchAll("filter", dataset, config, split, Objects.requireNonNull(where, "where == null"));
  }

  /**
   * The viewer's predicate for {@code column = value}: the column in double quotes, the value a SQL string literal
   * (quotes inside both doubled, as the viewer's grammar wants), e.g. {@code "category"='overall'}.
   */
  public static String whereEquals(String column, String value) {
    return "\"" + column.replace("\"", "\"\"") + "\"='" + value.replace("'", "''") + "'";
  }

  private DatasetRows fetchAll(String endpoint, String dataset, String config, String split, String where)
      throws FetchException {
    boolean filtered = where != null;
    List<String> columns = null;
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long total = -1;
    String revision = null;
    String firstUrl = null;
    for (long offset = 0; total < 0 || offset < total; offset += PAGE) {
      HttpUrl.Builder builder = base.newBuilder().addPathSegment(endpoint)
          .addQueryParameter("dataset", dataset).addQueryParameter("config", config).addQueryParameter("split", split);
      if (filtered) {
        builder.addQueryParameter("where", where);
      }
      HttpUrl url = builder.addQueryParameter("offset", String.valueOf(offset))
          .addQueryParameter("length", String.valueOf(PAGE)).build();
      firstUrl = firstUrl == null ? url.toString() : firstUrl;
      Fetched fetched = fetchPage(url);
      JsonNode page = Fetcher.parseJson(fetched);
      if (columns == null) {
        columns = columns(page, url, endpoint);
      }
      JsonNode pageRows = page.path("rows");
      JsonNode pageTotal = page.get("num_rows_total");
      if (!pageRows.isArray() || pageTotal == null || !pageTotal.canConvertToLong()) {
        throw new FetchException(url.toString(), 200, url + ": not a /" + endpoint + " answer (no 'rows' or 'num_rows_total')");
      }
      if (filtered) {
        if (page.path("partial").asBoolean(false)) {
          throw new FetchException(url.toString(), 200, url + ": the viewer filtered part of the split only (partial: true)");
        }
        if (total >= 0 && pageTotal.asLong() != total) {
          throw new FetchException(url.toString(), 200, url + ": the dataset changed while it was read (" + total
              + " matching rows, then " + pageTotal.asLong() + ")");
        }
        String pageRevision = fetched.headers().get("X-Revision");
        if (revision != null && pageRevision != null && !revision.equals(pageRevision)) {
          throw new FetchException(url.toString(), 200, url + ": the dataset changed while it was read (revision "
              + revision + ", then " + pageRevision + ")");
        }
        revision = revision == null ? pageRevision : revision;
      }
      total = pageTotal.asLong();
      for (JsonNode item : pageRows) {
        JsonNode row = item.path("row");
        if (!row.isObject()) {
          throw new FetchException(url.toString(), 200, url + ": row without a 'row' object");
        }
        if (filtered && item.path("row_idx").canConvertToLong() && !seen.add(item.path("row_idx").asLong())) {
          throw new FetchException(url.toString(), 200, url + ": row " + item.path("row_idx").asLong()
              + " served twice (the pages overlap)");
        }
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        row.properties().forEach(e -> cells.put(e.getKey(), e.getValue()));
        rows.add(Collections.unmodifiableMap(cells));
      }
      if (pageRows.isEmpty()) {
        break;
      }
    }
    if (rows.size() < total) {
      throw new FetchException(firstUrl, 200, firstUrl + ": the viewer announced " + total + " rows but served " + rows.size());
    }
    return new DatasetRows(columns == null ? List.of() : columns, rows, total, firstUrl);
  }

  private Fetched fetchPage(HttpUrl url) throws FetchException {
    Fetched fetched = fetcher.fetch(new Request.Builder().url(url).build());
    if (fetched.status() != 200) {
      String code = fetched.headers().get("X-Error-Code");
      String error = null;
      try {
        JsonNode body = Fetcher.parseJson(fetched);
        error = body.path("error").isTextual() ? body.path("error").asText() : null;
      } catch (FetchException notJson) {
        // text/plain errors happen; the status says enough
      }
      throw new FetchException(url.toString(), fetched.status(), "GET " + url + " -> HTTP " + fetched.status()
          + (code == null ? "" : " " + code) + (error == null ? "" : ": " + error));
    }
    return fetched;
  }

  private static List<String> columns(JsonNode page, HttpUrl url, String endpoint) throws FetchException {
    JsonNode features = page.path("features");
    if (!features.isArray()) {
      throw new FetchException(url.toString(), 200, url + ": not a /" + endpoint + " answer (no 'features')");
    }
    List<String> names = new ArrayList<>();
    features.forEach(f -> names.add(f.path("name").asText()));
    return names;
  }
}
