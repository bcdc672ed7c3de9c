package dev.llmcatalog.source.hub;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.config.TopQuery;
import dev.llmcatalog.fetch.EarlyHeaders;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HostSlot;
import dev.llmcatalog.fetch.LinkHeader;
import dev.llmcatalog.source.Upstreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Hugging Face Hub model API: {@code GET /api/models/{id}} and the paginated {@code GET /api/models} list. */
final class HubClient {
  private static final Logger log = LoggerFactory.getLogger(HubClient.class);
  /**
   * Exactly the keys llm-catalog stores; with {@code expand} the Hub returns only these plus _id and id. The model's
   * own benchmark results ({@code evalResults}) come in the same answer: no request per model more.
   */
  static final List<String> EXPAND = List.of(
      "cardData", "createdAt", "downloads", "evalResults", "gated", "gguf", "lastModified", "library_name", "likes",
      "pipeline_tag", "safetensors", "sha", "tags");
  /** The Hub's largest page for the model list. */
  static final int MAX_PAGE = 1000;

  private final Fetcher fetcher;
  private final HttpUrl base;

  HubClient(Fetcher fetcher, String endpoint) {
    this.fetcher = fetcher;
    this.base = Upstreams.base(endpoint);
  }

  ModelFetch fetchModel(String id) throws FetchException {
    HttpUrl.Builder url = base.newBuilder().addPathSegments("api/models");
    for (String part : id.split("/")) {
      url.addPathSegment(part);
    }
    EXPAND.forEach(e -> url.addQueryParameter("expand", e));
    Fetched fetched = fetcher.fetch(new Request.Builder().url(url.build()).build());
    if (fetched.status() == 401 || fetched.status() == 404) {
      return new ModelFetch.Missing(id, fetched.status(), fetched.headers().get("X-Error-Code"));
    }
    requireOk(fetched);
    JsonNode body = Fetcher.parseJson(fetched);
    if (!body.isObject()) {
      throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": expected a model object");
    }
    return new ModelFetch.Found(id, parse(body, fetched), fetched.finalUrl());
  }

  /**
   * The first page of {@code author}'s models, as large as the Hub serves ({@value #MAX_PAGE}), in no particular order,
   * with the same {@link #EXPAND} as a model-info request, so each item gives the values that request would. A 401 or
   * 404 (no such user or organization, as far as this caller may know) is an empty, whole listing.
   */
  AuthorPage fetchAuthor(String author) throws FetchException {
    HttpUrl.Builder url = base.newBuilder().addPathSegments("api/models").addQueryParameter("author", author)
        .addQueryParameter("limit", String.valueOf(MAX_PAGE));
    EXPAND.forEach(e -> url.addQueryParameter("expand", e));
    Fetched fetched = fetcher.fetch(new Request.Builder().url(url.build()).build());
    if (fetched.status() == 401 || fetched.status() == 404) {
      return new AuthorPage(Map.of(), true, fetched.finalUrl());
    }
    requireOk(fetched);
    Map<String, HubModel> models = new HashMap<>();
    parsePage(fetched, MAX_PAGE, model -> models.put(model.id(), model));
    return new AuthorPage(models, LinkHeader.findNext(fetched).isEmpty(), fetched.finalUrl());
  }

  /**
   * One page of an author's models by id; {@code whole} when no page follows (the author has no more models), and
   * where it was read.
   */
  record AuthorPage(Map<String, HubModel> models, boolean whole, String url) {
    AuthorPage {
      models = Map.copyOf(models);
    }
  }

  /** The first {@code query.limit()} models of the list, following {@code Link: rel="next"} pages. */
  List<HubModel> fetchTop(TopQuery query) throws FetchException {
    List<HubModel> models = new ArrayList<>();
    fetchTop(query, HostSlot.NONE, models::add);
    return models;
  }

  /** One of the Hub host's in-flight slots for the pages of the groups ({@link #fetchTop}); close it after them. */
  HostSlot holdPageSlot() throws FetchException {
    return fetcher.holdSlot(base);
  }

  /**
   * Hands each of the first {@code query.limit()} models of the list to {@code sink} as it is parsed, following
   * {@code Link: rel="next"} pages. The requests stay sequential (each cursor comes from the page before), but the
   * next page is requested as soon as this one's headers name it ({@link EarlyHeaders}), so it travels while this
   * one's body is read and parsed. Each page's body is read in full by the fetch layer, so a cut-short page is retried
   * there; it is then parsed item by item with the streaming parser, so memory stays at a few pages' bytes whatever
   * the size of the group.
   *
   * @param slot the pages' own slot of the host's in-flight limit ({@link #holdPageSlot}), or {@link HostSlot#NONE}
   * @return the number of models handed to {@code sink}
   */
  int fetchTop(TopQuery query, HostSlot slot, Consumer<HubModel> sink) throws FetchException {
    HttpUrl.Builder url = base.newBuilder().addPathSegments("api/models")
        .addQueryParameter("author", query.author());
    if (query.filter() != null) {
      url.addQueryParameter("filter", query.filter());
    }
    int pageSize = Math.min(query.limit(), MAX_PAGE);
    url.addQueryParameter("sort", query.sort()).addQueryParameter("limit", String.valueOf(pageSize));
    EXPAND.forEach(e -> url.addQueryParameter("expand", e));
    try (Pager pager = new Pager(slot, pageSize, query.limit())) {
      int count = 0;
      Fetched fetched = pager.fetch(url.build(), 0);
      for (int page = 0; ; page++) {
        requireOk(fetched);
        HttpUrl next = LinkHeader.findNext(fetched).orElse(null);
        // not when this page, if full, reaches the limit: that request would be wasted
        Pager.Ahead ahead = pager.ahead(page + 1, next != null && count + pageSize < query.limit() ? next : null);
        int wanted = query.limit() - count;
        int[] handed = {0};
        int items = parsePage(fetched, wanted, model -> {
          handed[0]++;
          sink.accept(model);
        });
        count += handed[0];
        if (next == null || items == 0 || count >= query.limit()) {
          return count;
        }
        fetched = ahead != null ? await(ahead.page(), next) : pager.fetch(next, page + 1);
      }
    }
  }

  /**
   * Fetches the pages of one list, starting each as soon as the page before it names it in its headers. Page
   * {@code k} is started so early only while the pages before it, if full, stay under the limit (a short page leaves
   * it to {@link #ahead}, after its body is parsed), so no request is wasted that the one-by-one paging would not
   * make; and only while it is at most two pages ahead of the one being parsed, so a slow reader does not gather the
   * whole list in memory. Closing it stops the pages started and not taken, and waits for their requests to end.
   */
  private final class Pager implements AutoCloseable {
    /** A page requested before its turn: where, and its answer to come. */
    record Ahead(HttpUrl url, Future<Fetched> page) {}

    private final HostSlot slot;
    private final long pageSize;
    private final long limit;
    private final Map<Integer, Ahead> started = new ConcurrentHashMap<>();
    /** The page being parsed. */
    private final AtomicInteger parsing = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hub-next-page");
      t.setDaemon(true);
      return t;
    });

    Pager(HostSlot slot, int pageSize, int limit) {
      this.slot = slot;
      this.pageSize = pageSize;
      this.limit = limit;
    }

    /** Page {@code index} of the list, at {@code url}, on this thread. */
    Fetched fetch(HttpUrl url, int index) throws FetchException {
      Request request = slot.tag(new Request.Builder().url(url).build());
      if ((index + 1) * pageSize < limit) {
        request = EarlyHeaders.tag(request, (from, status, headers) -> {
          if (index + 1 > parsing.get() + 2) {
            return; // started when its turn comes
          }
          try {
            LinkHeader.findNext(from, status, headers).ifPresent(next -> started.computeIfAbsent(index + 1,
                k -> new Ahead(next, pool.submit(() -> fetch(next, index + 1)))));
          } catch (FetchException e) {
            // unusable: the whole answer's Link header fails the paging, after its body is read
          } catch (RejectedExecutionException e) {
            // the paging has ended
          }
        });
      }
      return fetcher.fetch(request);
    }

    /**
     * Page {@code index}, started already if its page before named it early, at {@code url}; else (or when a retried
     * answer named another page) started now. None when {@code url} is null: no such page is wanted. Called as page
     * {@code index - 1} is about to be parsed.
     */
    Ahead ahead(int index, HttpUrl url) {
      parsing.set(index - 1);
      Ahead early = started.remove(index);
      if (early != null && early.url().equals(url)) {
        return early;
      }
      if (early != null) {
        early.page().cancel(true);
      }
      return url == null ? null : new Ahead(url, pool.submit(() -> fetch(url, index)));
    }

    @Override
    public void close() {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  /**
   * Parses one list page, handing at most {@code wanted} models to {@code sink}; returns the page's item count, null
   * items included (an empty page ends the list, a page of nulls does not).
   */
  private static int parsePage(Fetched fetched, int wanted, Consumer<HubModel> sink) throws FetchException {
    int items = 0;
    int handed = 0;
    try (JsonParser parser = Fetcher.jsonParser(fetched)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": expected a JSON array of models");
      }
      while (parser.nextToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.VALUE_NULL) {
        JsonNode item = parser.readValueAsTree();
        items++;
        if (handed < wanted && item != null && item.isObject()) {
          sink.accept(parse(item, fetched));
          handed++;
        }
      }
      if (parser.currentToken() != JsonToken.END_ARRAY) {
        throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": expected a JSON array of models");
      }
    } catch (JsonProcessingException e) {
      throw new FetchException(fetched.finalUrl(), fetched.status(),
          fetched.finalUrl() + ": body is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new FetchException(fetched.finalUrl(), "cannot parse " + fetched.finalUrl(), e);
    }
    return items;
  }

  private static Fetched await(Future<Fetched> page, HttpUrl url) throws FetchException {
    try {
      return page.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(url.toString(), "interrupted while fetching " + Fetcher.display(url), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FetchException fe) {
        throw fe;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new FetchException(url.toString(), "cannot fetch " + Fetcher.display(url), e.getCause());
    }
  }

  /**
   * Lets the interrupted requests of {@code pool} end before the source's answers are archived, so none is archived
   * with the next source. A request stuck in a read ends only at its read timeout; one still running after 30 s is
   * logged, and its answer, if it comes, is archived with the next source's (or not at all after the last).
   */
  static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("a Hub request still runs after its source ended; its answer may be archived late or not at all");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static HubModel parse(JsonNode item, Fetched fetched) throws FetchException {
    try {
      return HubModelParser.parse(item);
    } catch (IllegalArgumentException e) {
      throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": " + e.getMessage());
    }
  }

  private static void requireOk(Fetched fetched) throws FetchException {
    if (fetched.status() / 100 != 2) {
      String code = fetched.headers().get("X-Error-Code");
      String message = fetched.headers().get("X-Error-Message");
      throw new FetchException(fetched.finalUrl(), fetched.status(), "GET " + Fetcher.display(HttpUrl.get(fetched.finalUrl())) + " -> HTTP " + fetched.status()
          + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message));
    }
  }
}
