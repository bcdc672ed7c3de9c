package dev.llmcatalog.source.mteb;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.Upstreams;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** The Hub's side of MTEB: a model card's {@code model-index} ({@code GET /api/models/{id}?expand=model-index}). */
final class CardClient {
  private final Fetcher fetcher;
  private final HttpUrl hub;

  CardClient(Fetcher fetcher, String hubEndpoint) {
    this.fetcher = fetcher;
    this.hub = Upstreams.base(hubEndpoint);
  }

  /** The model-info answer with only {@code model-index}; empty when the Hub does not know the model (401/404). */
  Optional<JsonAnswer> fetchModelIndex(String modelId) throws FetchException {
    HttpUrl.Builder url = hub.newBuilder().addPathSegments("api/models");
    for (String part : modelId.split("/")) {
      url.addPathSegment(part);
    }
    url.addQueryParameter("expand", "model-index");
    Fetched fetched = fetcher.fetch(new Request.Builder().url(url.build()).build());
    if (fetched.status() == 401 || fetched.status() == 404) {
      return Optional.empty();
    }
    MtebJson.requireOk(fetched);
    JsonAnswer answer = MtebJson.parse(fetched);
    if (!answer.json().isObject()) {
      throw MtebJson.failure(fetched, answer.url() + ": expected a model object");
    }
    return Optional.of(answer);
  }
}
