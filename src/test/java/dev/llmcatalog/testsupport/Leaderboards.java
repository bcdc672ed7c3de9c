package dev.llmcatalog.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

/** The leaderboard upstreams of {@link FixtureHub}: real paths behind per-upstream prefixes, serving the fixtures. */
final class Leaderboards {
  private static final String LB = "leaderboards/";
  private static final String ARENA = LB + "arena/";
  private static final String SPACE_TREE = "/api/spaces/lmarena-ai/arena-leaderboard/tree/main";
  private static final String SPACE_FILE = "/spaces/lmarena-ai/arena-leaderboard/resolve/main/";
  private static final String ARENA_CATALOG = "/gh/lmarena/arena-catalog/main/data/";
  private static final String MTEB_RAW = "/gh/embeddings-benchmark/results/main/";
  private static final String MTEB_FILE = MTEB_RAW + "results/";
  private static final String GITHUB_RAW = "github-raw/";

  private Leaderboards() {}

  static MockResponse dispatch(RecordedRequest request, HttpUrl url, String path) {
    if (path.equals("/ds/rows")) {
      return rows(url);
    }
    if (path.equals("/ds/filter")) {
      return filter(url);
    }
    if (path.equals("/oc/gw/opencompass-be/api/v1/rank/listRankTableAvailableMonths") && request.getMethod().equals("POST")) {
      return FixtureHub.json(Fixtures.text(LB + "opencompass/compassrank/months.json"));
    }
    if (path.startsWith("/cdn/") && Fixtures.exists(LB + "opencompass/compassrank/" + path.substring(5))) {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
          .setHeader("Content-Encoding", "gzip")
          .body(new Buffer().write(gzip(Fixtures.bytes(LB + "opencompass/compassrank/" + path.substring(5))))).build();
    }
    if (path.equals(ARENA_CATALOG + "leaderboard-text-style-control.json")) {
      return text(Fixtures.text(ARENA + "arena_catalog_leaderboard-text-style-control_2025-12-11_trimmed.json"));
    }
    if (path.equals(ARENA_CATALOG + "leaderboard-text.json")) {
      return text(Fixtures.text(ARENA + "arena_catalog_leaderboard-text_2025-12-11_trimmed.json"));
    }
    if (path.startsWith("/tabby/") && Fixtures.exists(LB + "tabbyml/" + path.substring(7))) {
      return text(Fixtures.text(LB + "tabbyml/" + path.substring(7)));
    }
    if (path.equals(SPACE_TREE)) {
      if (url.queryParameter("cursor") == null) {
        HttpUrl next = url.newBuilder().addQueryParameter("cursor", "cGFnZTI").build();
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
            .setHeader("Link", "<" + next + ">; rel=\"next\"")
            .body(Fixtures.text(ARENA + "SYNTHETIC_space-tree_lmarena-ai--arena-leaderboard_page1.json")).build();
      }
      return FixtureHub.json(Fixtures.text(ARENA + "SYNTHETIC_space-tree_lmarena-ai--arena-leaderboard_page2.json"));
    }
    if (path.equals(SPACE_FILE + "leaderboard_table_20250511.csv")) {
      return text(Fixtures.text(ARENA + "leaderboard_table_20250511_sample.csv"));
    }
    if (path.equals(MTEB_RAW + "paths.json")) {
      return RawGithub.file(Fixtures.bytes(LB + "mteb/github/SYNTHETIC_paths.json"), request);
    }
    if (path.startsWith(MTEB_FILE) && Fixtures.exists(LB + "mteb/results-repo/" + path.substring(MTEB_FILE.length()))) {
      return RawGithub.file(Fixtures.bytes(LB + "mteb/results-repo/" + path.substring(MTEB_FILE.length())), request);
    }
    if (path.startsWith(MTEB_RAW)) {
      return RawGithub.notFound();
    }
    // Any other raw GitHub file: fixtures/github-raw/<owner>/<repo>/<branch>/<path>, so a new board reading a repository
    // file needs only its fixture there.
    if (path.startsWith("/gh/") && Fixtures.exists(GITHUB_RAW + path.substring(4))) {
      return RawGithub.file(Fixtures.bytes(GITHUB_RAW + path.substring(4)), request);
    }
    return path.startsWith("/gh/") ? RawGithub.notFound() : FixtureHub.notFound();
  }

  private static MockResponse rows(HttpUrl url) {
    String dataset = url.queryParameter("dataset");
    String file = switch (dataset == null ? "" : dataset) {
      case "open-llm-leaderboard-old/contents" -> LB + "openllm-v1/rows-seed-SYNTHETIC.json";
      case "open-llm-leaderboard/contents" -> LB + "openllm-v2/rows-v2-sample-SYNTHETIC.json";
      default -> null;
    };
    if (file == null || !"0".equals(url.queryParameter("offset"))) {
      return new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
          .setHeader("X-Error-Code", "ResponseNotFound").body("{\"error\":\"Not found.\"}").build();
    }
    return FixtureHub.json(Fixtures.text(file));
  }

  /** The viewer's {@code /filter} for the LMArena boards: the overall category of {@code text_style_control} or {@code text}. */
  private static MockResponse filter(HttpUrl url) {
    String config = url.queryParameter("config");
    String file = "lmarena-ai/leaderboard-dataset".equals(url.queryParameter("dataset")) && "latest".equals(url.queryParameter("split"))
        && "\"category\"='overall'".equals(url.queryParameter("where")) && "0".equals(url.queryParameter("offset"))
        && ("text_style_control".equals(config) || "text".equals(config))
        ? ARENA + "SYNTHETIC_filter_lmarena-ai--leaderboard-dataset_" + config + "_latest_overall.json" : null;
    if (file == null) {
      return new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
          .setHeader("X-Error-Code", "ResponseNotFound").body("{\"error\":\"Not found.\"}").build();
    }
    return FixtureHub.json(Fixtures.text(file));
  }

  private static MockResponse text(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; charset=utf-8").body(body).build();
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
