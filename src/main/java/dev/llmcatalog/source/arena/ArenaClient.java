package dev.llmcatalog.source.arena;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.datasets.DatasetRows;
import dev.llmcatalog.source.datasets.DatasetViewerClient;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;

/**
 * The Arena's upstreams over HTTP: the leaderboard dataset through the dataset viewer, the Space's file
 * listing and tables on the Hub, arena-catalog's JSON on GitHub, and the Space's Gradio page.
 */
final class ArenaClient {
  static final String DATASET = "lmarena-ai/leaderboard-dataset";
  static final String DATASET_CONFIG = "text";
  static final String DATASET_SPLIT = "latest";
  static final String SPACE = "lmsys/chatbot-arena-leaderboard";
  static final String CATALOG_FILE = "lmarena/arena-catalog/main/data/leaderboard-text.json";
  /** A bound on the listing's pages, so a server that links a page to itself cannot loop us forever. */
  static final int MAX_TREE_PAGES = 100;
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

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

  DatasetRows fetchCurrent() throws FetchException {
    return viewer.fetchRows(DATASET, DATASET_CONFIG, DATASET_SPLIT);
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
      next = page.isEmpty() ? null : nextPage(fetched);
    }
    return new Listing(first.toString(), files);
  }

  /** {@code GET /spaces/{space}/resolve/main/{path}}: one of the Space's files as text. */
  Download fetchSpaceFile(String path) throws FetchException {
    HttpUrl url = hub.newBuilder().addPathSegment("spaces").addPathSegments(SPACE).addPathSegments("resolve/main")
        .addPathSegments(path).build();
    return download(url, "CSV");
  }

  Download fetchCatalog() throws FetchException {
    return download(githubRaw.newBuilder().addPathSegments(CATALOG_FILE).build(), "JSON");
  }

  /** A page's HTML (the Gradio fallback). */
  Download fetchPage(String pageUrl) throws FetchException {
    HttpUrl url = HttpUrl.parse(pageUrl);
    if (url == null) {
      throw new FetchException(pageUrl, 0, "not an http(s) URL: " + pageUrl);
    }
    Fetched fetched = fetcher.fetch(new Request.Builder().url(url).build());
    requireOk(fetched);
    return new Download(url.toString(), text(fetched));
  }

  private Download download(HttpUrl url, String expected) throws FetchException {
    Fetched fetched = fetcher.fetch(new Request.Builder().url(url).build());
    requireOk(fetched);
    requireNotHtml(fetched, expected);
    // The URL asked for, not the CDN it may redirect to: that is where the value can be read again.
    return new Download(url.toString(), text(fetched));
  }

  private HttpUrl nextPage(Fetched fetched) throws FetchException {
    for (String link : fetched.headers().values("Link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        HttpUrl next = HttpUrl.get(fetched.finalUrl()).resolve(m.group(1));
        if (next == null) {
          throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": unusable Link header: " + link);
        }
        return next;
      }
    }
    return null;
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
    return HttpUrl.get(endpoint.endsWith("/") ? endpoint : endpoint + "/");
  }
}
