package dev.llmcatalog.source.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The Hugging Face dataset viewer's {@code GET /rows} API, read in pages of 100 (its maximum) until
 * {@code num_rows_total} rows are in. Errors carry the viewer's {@code X-Error-Code} and {@code error}.
 */
public final class DatasetViewerClient {
  static final int PAGE = 100;

  private final Fetcher fetcher;
  private final HttpUrl base;

  public DatasetViewerClient(Fetcher fetcher, String endpoint) {
    this.fetcher = fetcher;
    this.base = HttpUrl.get(endpoint.endsWith("/") ? endpoint : endpoint + "/");
  }

  public DatasetRows fetchRows(String dataset, String config, String split) throws FetchException {
    List<String> columns = null;
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    long total = -1;
    String firstUrl = null;
    for (long offset = 0; total < 0 || offset < total; offset += PAGE) {
      HttpUrl url = base.newBuilder().addPathSegment("rows")
          .addQueryParameter("dataset", dataset).addQueryParameter("config", config).addQueryParameter("split", split)
          .addQueryParameter("offset", String.valueOf(offset)).addQueryParameter("length", String.valueOf(PAGE)).build();
      firstUrl = firstUrl == null ? url.toString() : firstUrl;
      JsonNode page = fetchPage(url);
      if (columns == null) {
        columns = columns(page, url);
      }
      JsonNode pageRows = page.path("rows");
      JsonNode pageTotal = page.get("num_rows_total");
      if (!pageRows.isArray() || pageTotal == null || !pageTotal.canConvertToLong()) {
        throw new FetchException(url.toString(), 200, url + ": not a /rows answer (no 'rows' or 'num_rows_total')");
      }
      total = pageTotal.asLong();
      for (JsonNode item : pageRows) {
        JsonNode row = item.path("row");
        if (!row.isObject()) {
          throw new FetchException(url.toString(), 200, url + ": row without a 'row' object");
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

  private JsonNode fetchPage(HttpUrl url) throws FetchException {
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
    return Fetcher.parseJson(fetched);
  }

  private static List<String> columns(JsonNode page, HttpUrl url) throws FetchException {
    JsonNode features = page.path("features");
    if (!features.isArray()) {
      throw new FetchException(url.toString(), 200, url + ": not a /rows answer (no 'features')");
    }
    List<String> names = new ArrayList<>();
    features.forEach(f -> names.add(f.path("name").asText()));
    return names;
  }
}
