package dev.llmcatalog.source;

import dev.llmcatalog.config.EndpointSpec;
import okhttp3.HttpUrl;

/** The endpoints several sources share; a source's own endpoints are declared in its package. */
public final class Upstreams {
  /** The Hugging Face Hub API; may receive the token. */
  public static final EndpointSpec HUB = new EndpointSpec("hub", "HF_ENDPOINT", "https://huggingface.co", true,
      "Hub base URL (mirrors such as https://hf-mirror.com work; the catalog still links to huggingface.co)");
  /** The Hub's dataset viewer; may receive the token. */
  public static final EndpointSpec DATASETS_SERVER = new EndpointSpec("datasets_server", "LLM_CATALOG_DATASETS_SERVER",
      "https://datasets-server.huggingface.co", true, "the Hub's dataset viewer (Open LLM Leaderboard, LMArena)");
  /** Raw files of public GitHub repositories. */
  public static final EndpointSpec GITHUB_RAW = new EndpointSpec("github_raw", "LLM_CATALOG_GITHUB_RAW",
      "https://raw.githubusercontent.com", false, "raw GitHub files (arena-catalog, MTEB results, Aider)");

  private Upstreams() {}

  /** An endpoint's URL as a base that relative paths resolve under (with its trailing slash). */
  public static HttpUrl base(String endpoint) {
    return HttpUrl.get(endpoint.endsWith("/") ? endpoint : endpoint + "/");
  }
}
