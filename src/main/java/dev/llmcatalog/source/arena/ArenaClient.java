package dev.llmcatalog.source.arena;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.LinkHeader;
import dev.llmcatalog.source.Upstreams;
import dev.llmcatalog.source.datasets.DatasetRows;
import dev.llmcatalog.source.datasets.DatasetViewerClient;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;

/**
 * The Arena's upstreams over HTTP: the leaderboard dataset through the dataset viewer, the Space's file
 * listing and tables on the Hub, and arena-catalog's JSON on GitHub.
 */
final class ArenaClient {
  static final String DATASET = "lmarena-ai/leaderboard-dataset";
  /** The split with the board as last published ({@code full} holds every publication since 2023). */
  static final String DATASET_SPLIT = "latest";
  /** Renamed from {@code lmsys/chatbot-arena-leaderboard}; a static page since, its tables end on 2025-08-04. */
  static final String SPACE = "lmarena-ai/arena-leaderboard";
  static final String CATALOG_DIR = "lmarena/arena-catalog/main/data/";
  /** The boards arena-catalog publishes, by dataset config: the files its update_leaderboard_data.py writes. */
  static final Map<String, String> CATALOG_FILES = Map.of(
      "text", "leaderboard-text.json",
      "text_style_control", "leaderboard-text-style-control.json",
      "vision", "leaderboard-vision.json",
      "vision_style_control", "leaderboard-vision-style-control.json",
      "text_to_image", "leaderboard-image.json");
  /** A bound on the listing's pages, so a server that links a page to itself cannot loop us forever. */
  static final int MAX_TREE_PAGES = 100;

  /** A body read in full as text, and where it was read. */
  record Download(String url, String body) {}

  /** Every file path of the Space's top folder, and the first listing page's URL. */
  record Listing(String url, List<String> files) {
    Listing {
      files = List.copyOf(files);
    }
  }

  private final Fetcher fetcher;
  private final DatasetViewerClient viewer;
  private final HttpUrl hub;
  private final HttpUrl githubRaw;

  ArenaClient(Fetcher fetcher, String hub, String datasetsServer, String githubRaw) {
    this.fetcher = fetcher;
    this.viewer = new DatasetViewerClient(fetcher, datasetsServer);
    this.hub = base(hub);
    this.githubRaw = base(githubRaw);
  }

  /**
   * {@code GET /filter?dataset=lmarena-ai/leaderboard-dataset&config=<subset>&split=latest&where="category"='<category>'}:
   * the rows of one category only, a few pages instead of the whole split (about 10,000 rows of some 30 categories).
   */
  DatasetRows fetchBoard(ArenaConfig board) throws FetchException {
    return viewer.fetchFiltered(DATASET, board.subset(), DATASET_SPLIT,
        DatasetViewerClient.whereEquals(ArenaParser.CATEGORY, board.category()));
  }

  /** {@code GET /api/spaces/{space}/tree/main}, following {@code Link: rel="next"} like the model list. */
  Listing fetchSpaceFiles() throws FetchException {
    HttpUrl first = hub.newBuilder().addPathSegments("api/spaces").addPathSegments(SPACE).addPathSegments("tree/main").build();
    List<String> files = new ArrayList<>();
    Set<HttpUrl> seen = new HashSet<>();
    HttpUrl next = first;
    while (next != null) {
      if (!seen.add(next) || seen.size() > MAX_TREE_PAGES) {
        throw new FetchException(next.toString(), 200, next + ": the file listing does not end (page " + seen.size() + ")");
      }
      Fetched fetched = fetcher.fetch(new Request.Builder().url(next).build());
      requireOk(fetched);
      requireNotHtml(fetched, "JSON");
      List<String> page = ArenaParser.parseTreePage(text(fetched), fetched.finalUrl());
      files.addAll(page);
      next = page.isEmpty() ? null : LinkHeader.findNext(fetched).orElse(null);
    }
    return new Listing(first.toString(), files);
  }

  /** {@code GET /spaces/{space}/resolve/main/{path}}: one of the Space's files as text. */
  Download fetchSpaceFile(String path) throws FetchException {
    HttpUrl url = hub.newBuilder().addPathSegment("spaces").addPathSegments(SPACE).addPathSegments("resolve/main")
        .addPathSegments(path).build();
    return download(url, "CSV");
  }

  /** arena-catalog's file for the board of {@code subset}, if it publishes one. */
  static Optional<String> catalogFile(String subset) {
    return Optional.ofNullable(CATALOG_FILES.get(subset));
  }

  /** {@code GET {github_raw}/lmarena/arena-catalog/main/data/<file>}. */
  Download fetchCatalog(String file) throws FetchException {
    return download(githubRaw.newBuilder().addPathSegments(CATALOG_DIR).addPathSegment(file).build(), "JSON");
  }

  private Download download(HttpUrl url, String expected) throws FetchException {
    Fetched fetched = fetcher.fetch(new Request.Builder().url(url).build());
    requireOk(fetched);
    requireNotHtml(fetched, expected);
    // The URL asked for, not the CDN it may redirect to: that is where the value can be read again.
    return new Download(url.toString(), text(fetched));
  }

  private static void requireOk(Fetched fetched) throws FetchException {
    if (fetched.status() / 100 != 2) {
      String code = fetched.headers().get("X-Error-Code");
      String message = fetched.headers().get("X-Error-Message");
      throw new FetchException(fetched.finalUrl(), fetched.status(), "GET " + fetched.finalUrl() + " -> HTTP "
          + fetched.status() + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message));
    }
  }

  /** A login wall, an error page or a changed site answers 200 with HTML: never parse that as data. */
  private static void requireNotHtml(Fetched fetched, String expected) throws FetchException {
    String type = fetched.contentType();
    String start = new String(fetched.body(), 0, Math.min(fetched.body().length, 256), StandardCharsets.UTF_8).stripLeading();
    if (type.contains("html") || start.regionMatches(true, 0, "<!doctype html", 0, 14) || start.regionMatches(true, 0, "<html", 0, 5)) {
      throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": expected " + expected
          + ", got an HTML page" + (type.isEmpty() ? "" : " (" + type + ")"));
    }
  }

  private static String text(Fetched fetched) {
    MediaType type = MediaType.parse(fetched.contentType());
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return new String(fetched.body(), charset);
  }

  private static HttpUrl base(String endpoint) {
    return Upstreams.base(endpoint);
  }
}
