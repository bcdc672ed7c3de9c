package dev.llmcatalog.source.mteb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The Hub endpoints MTEB scores come from: a model's {@code model-index} ({@code GET /api/models/{id}?expand=model-index}),
 * the file listing of its folder in the dataset {@code mteb/results} (paginated by {@code Link: rel="next"}),
 * and the task files themselves ({@code /datasets/mteb/results/resolve/main/<path>}).
 */
final class MtebClient {
  /** The Hub dataset mirroring GitHub {@code embeddings-benchmark/results}. */
  static final String RESULTS_DATASET = "mteb/results";
  static final String MODEL_META = "model_meta.json";
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");
  /**
   * Numbers kept exactly as written (never through a double), and NaN accepted: Python's json module
   * writes it for a metric that failed, and one such value must not make the whole file unreadable.
   */
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();

  private final Fetcher fetcher;
  private final HttpUrl hub;

  MtebClient(Fetcher fetcher, String hubEndpoint) {
    this.fetcher = fetcher;
    this.hub = HttpUrl.get(hubEndpoint.endsWith("/") ? hubEndpoint : hubEndpoint + "/");
  }

  /** The model-info answer with only {@code model-index}; empty when the Hub does not know the model (401/404). */
  Optional<JsonAnswer> fetchModelIndex(String modelId) throws FetchException {
    HttpUrl.Builder url = hub.newBuilder().addPathSegments("api/models");
    for (String part : modelId.split("/")) {
      url.addPathSegment(part);
    }
    url.addQueryParameter("expand", "model-index");
    Fetched fetched = fetcher.fetch(get(url.build()));
    if (fetched.status() == 401 || fetched.status() == 404) {
      return Optional.empty();
    }
    requireOk(fetched);
    JsonAnswer answer = parseJson(fetched);
    if (!answer.json().isObject()) {
      throw new FetchException(answer.url(), fetched.status(), MtebSource.NAME + ": " + answer.url() + ": expected a model object");
    }
    return Optional.of(answer);
  }

  /**
   * The task files of a model, sorted by path: every {@code .json} file of its results folder except
   * {@code model_meta.json}. No folder (404 without {@code RepoNotFound}) means no results.
   */
  List<ResultFile> fetchResultFiles(String modelId) throws FetchException {
    String folder = folderOf(modelId);
    String prefix = "results/" + folder + "/";
    HttpUrl next = hub.newBuilder().addPathSegments("api/datasets").addPathSegments(RESULTS_DATASET)
        .addPathSegments("tree/main/results").addPathSegment(folder)
        .addQueryParameter("recursive", "true").build();
    List<ResultFile> files = new ArrayList<>();
    Set<HttpUrl> seen = new HashSet<>();
    while (next != null) {
      if (!seen.add(next)) {
        throw new FetchException(next.toString(), 200, MtebSource.NAME + ": " + next + ": the listing's next page is a page already read");
      }
      Fetched fetched = fetcher.fetch(get(next));
      // Only the first page can say "no such folder"; a 404 later, or for the whole dataset, is a failure.
      if (fetched.status() == 404 && !"RepoNotFound".equals(fetched.headers().get("X-Error-Code")) && seen.size() == 1) {
        return List.of();
      }
      requireOk(fetched);
      JsonAnswer page = parseJson(fetched);
      if (!page.json().isArray()) {
        throw new FetchException(page.url(), 200, MtebSource.NAME + ": " + page.url() + ": expected a JSON array of tree entries");
      }
      for (JsonNode entry : page.json()) {
        resultFile(entry, prefix, page.url()).ifPresent(files::add);
      }
      next = nextPage(fetched);
    }
    files.sort((a, b) -> a.path().compareTo(b.path()));
    return files;
  }

  private static Optional<ResultFile> resultFile(JsonNode entry, String prefix, String url) throws FetchException {
    JsonNode type = entry.get("type");
    JsonNode path = entry.get("path");
    if (type == null || !type.isTextual() || path == null || !path.isTextual()) {
      throw new FetchException(url, 200, MtebSource.NAME + ": " + url + ": tree entry without 'type' or 'path': " + entry);
    }
    String p = path.asText();
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (!"file".equals(type.asText()) || !name.endsWith(".json") || name.equals(MODEL_META)) {
      return Optional.empty();
    }
    String[] parts = p.startsWith(prefix) ? p.substring(prefix.length()).split("/") : new String[0];
    if (parts.length != 2 || parts[0].isEmpty()) {
      throw new FetchException(url, 200, MtebSource.NAME + ": " + url + ": unexpected result file '" + p
          + "' (expected " + prefix + "<revision>/<Task>.json)");
    }
    return Optional.of(new ResultFile(p, parts[0], name.substring(0, name.length() - ".json".length())));
  }

  /** One task file, parsed with its numbers exact. */
  JsonAnswer fetchResultFile(ResultFile file) throws FetchException {
    HttpUrl url = hub.newBuilder().addPathSegment("datasets").addPathSegments(RESULTS_DATASET)
        .addPathSegments("resolve/main").addPathSegments(file.path()).build();
    Fetched fetched = fetcher.fetch(get(url));
    requireOk(fetched);
    return parseJson(fetched);
  }

  /** {@code BAAI/bge-base-zh-v1.5} -> {@code BAAI__bge-base-zh-v1.5}, the results repository's folder name. */
  static String folderOf(String modelId) {
    return modelId.replace("/", "__");
  }

  private static Request get(HttpUrl url) {
    return new Request.Builder().url(url).build();
  }

  private HttpUrl nextPage(Fetched fetched) throws FetchException {
    for (String link : fetched.headers().values("Link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        HttpUrl next = HttpUrl.get(fetched.finalUrl()).resolve(m.group(1));
        if (next == null) {
          throw new FetchException(fetched.finalUrl(), fetched.status(),
              MtebSource.NAME + ": " + fetched.finalUrl() + ": unusable Link header: " + link);
        }
        return next;
      }
    }
    return null;
  }

  /** JSON with exact numbers; an HTML page (a login wall, an error page served with 200) is refused. */
  static JsonAnswer parseJson(Fetched fetched) throws FetchException {
    String url = fetched.finalUrl();
    String type = fetched.contentType();
    String start = new String(fetched.body(), 0, Math.min(fetched.body().length, 64), StandardCharsets.UTF_8).stripLeading();
    if (type.contains("html") || start.startsWith("<")) {
      throw new FetchException(url, fetched.status(), MtebSource.NAME + ": " + url + ": expected JSON, got an HTML page"
          + (type.isEmpty() ? "" : " (" + type + ")"));
    }
    try {
      JsonNode node = JSON.readTree(fetched.body());
      if (node == null || node.isMissingNode()) {
        throw new FetchException(url, fetched.status(), MtebSource.NAME + ": " + url + ": empty body, expected JSON");
      }
      return new JsonAnswer(node, url);
    } catch (JsonProcessingException e) {
      throw new FetchException(url, fetched.status(),
          MtebSource.NAME + ": " + url + ": body is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new FetchException(url, MtebSource.NAME + ": cannot parse " + url, e);
    }
  }

  private static void requireOk(Fetched fetched) throws FetchException {
    if (fetched.status() / 100 != 2) {
      String code = fetched.headers().get("X-Error-Code");
      String message = fetched.headers().get("X-Error-Message");
      throw new FetchException(fetched.finalUrl(), fetched.status(), MtebSource.NAME + ": GET " + fetched.finalUrl()
          + " -> HTTP " + fetched.status() + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message));
    }
  }
}
