package dev.llmcatalog.source.hub;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Group;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.Fields;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.progress.SourceProgress;
import dev.llmcatalog.source.Source;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model metadata from the Hugging Face Hub. Query groups come from the list endpoint with {@code expand}:
 * one request per page of up to 1000 models and no request per model, since the list gives every stored
 * field. Listed models need one model-info request each (the Hub has no batch model-info endpoint, and
 * the list cannot select arbitrary ids); they run {@code fetch.parallelism} at a time (default
 * {@value #DEFAULT_PARALLELISM}), within the fetch layer's per-host limits, and their values come out in the
 * config's order whatever order the answers arrive in. A model the Hub does not know (401/404) is recorded
 * as missing; any other failure fails the whole source.
 */
public final class HubSource implements Source {
  public static final String NAME = "hub";
  static final int DEFAULT_PARALLELISM = 8;
  private static final Logger log = LoggerFactory.getLogger(HubSource.class);

  private final CatalogConfig config;
  private final HubClient client;
  private final HttpUrl base;
  private final int parallelism;

  public HubSource(CatalogConfig config, Fetcher fetcher, String endpoint) {
    this.config = config;
    this.client = new HubClient(fetcher, endpoint);
    this.base = HttpUrl.get(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    this.parallelism = (int) config.fetch().find("parallelism").orElse(DEFAULT_PARALLELISM);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    return fetch(SourceProgress.NONE);
  }

  /**
   * Progress counts every listed model and every list item of a query group: the total is known up front (the
   * listed models plus each group's limit) and shrinks when a group ends before its limit.
   */
  @Override
  public SourceData fetch(SourceProgress progress) throws IOException {
    progress.expect(config.listedModels().size()
        + config.groups().stream().mapToLong(g -> g.top().map(t -> (long) t.limit()).orElse(0L)).sum());
    // model id -> its values in a fixed key order; a model in several groups is kept once, in first-seen order
    Map<String, Map<String, Observation>> observations = new LinkedHashMap<>();
    List<MissingModel> missing = new ArrayList<>();
    List<Alias> aliases = new ArrayList<>();
    for (ModelFetch result : fetchListed(config.listedModels(), progress)) {
      String id = result.requestedId();
      if (result instanceof ModelFetch.Found found) {
        HubModel model = found.model();
        if (!model.id().equals(id)) {
          log.info("{} is now {}", id, model.id());
          aliases.add(new Alias(id, model.id()));
        }
        observe(model, observations);
      } else if (result instanceof ModelFetch.Missing gone) {
        log.warn("{}: not found on the Hub (HTTP {}{})", id, gone.status(), gone.errorCode() == null ? "" : " " + gone.errorCode());
        missing.add(new MissingModel(id, gone.status(), gone.errorCode()));
      }
    }
    for (Group group : config.groups()) {
      if (group.top().isEmpty()) {
        continue;
      }
      String rank = Fields.rank(group.id());
      int[] position = {0};
      int count = client.fetchTop(group.top().get(), model -> {
        Map<String, Observation> values = observe(model, observations);
        put(values, model.id(), rank, String.valueOf(++position[0]));
        progress.done(1);
      });
      if (count < group.top().get().limit()) {
        progress.expect(count - group.top().get().limit());
      }
      log.info("group {}: {} models", group.id(), count);
    }
    List<Observation> all = new ArrayList<>();
    for (var it = observations.values().iterator(); it.hasNext(); ) {
      all.addAll(it.next().values());
      it.remove(); // let each model's map go as soon as it is copied
    }
    return new SourceData(all, missing, aliases);
  }

  /** One model-info request per listed model, {@link #parallelism} at a time; results in the order of {@code ids}. */
  private List<ModelFetch> fetchListed(Collection<String> ids, SourceProgress progress) throws IOException {
    if (ids.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(parallelism, ids.size());
    if (threads == 1) {
      List<ModelFetch> results = new ArrayList<>();
      for (String id : ids) {
        results.add(client.fetchModel(id));
        progress.done(1);
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hub-fetch");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ModelFetch>> futures = new ArrayList<>();
      for (String id : ids) {
        futures.add(pool.submit(() -> {
          ModelFetch result = client.fetchModel(id);
          progress.done(1);
          return result;
        }));
      }
      List<ModelFetch> results = new ArrayList<>();
      for (Future<ModelFetch> future : futures) {
        results.add(await(future));
      }
      return results;
    } finally {
      pool.shutdownNow(); // a failure fails the source: requests not yet started are dropped
    }
  }

  private static ModelFetch await(Future<ModelFetch> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching Hub models");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    }
  }

  private Map<String, Observation> observe(HubModel m, Map<String, Map<String, Observation>> out) {
    Map<String, Observation> values = out.computeIfAbsent(m.id(), id -> new LinkedHashMap<>());
    put(values, m.id(), Fields.SHA, m.sha());
    put(values, m.id(), Fields.LAST_MODIFIED, m.lastModified());
    put(values, m.id(), Fields.CREATED_AT, m.createdAt());
    put(values, m.id(), Fields.DOWNLOADS, m.downloads() == null ? null : m.downloads().toString());
    put(values, m.id(), Fields.LIKES, m.likes() == null ? null : m.likes().toString());
    put(values, m.id(), Fields.LICENSE, m.license());
    put(values, m.id(), Fields.PIPELINE_TAG, m.pipelineTag());
    put(values, m.id(), Fields.LIBRARY_NAME, m.libraryName());
    put(values, m.id(), Fields.PARAMETERS, m.parameters() == null ? null : m.parameters().toString());
    put(values, m.id(), Fields.GATED, m.gated());
    put(values, m.id(), Fields.TAGS, m.tags().isEmpty() ? null : String.join(",", m.tags()));
    return values;
  }

  private void put(Map<String, Observation> values, String subject, String key, String value) {
    if (value != null) {
      Observation any = values.isEmpty() ? null : values.values().iterator().next();
      // one URL string per model, not per value: a 100,000-model group holds a million values
      String url = any != null ? any.url() : modelUrl(subject);
      values.put(key, new Observation(subject, key, value, url));
    }
  }

  /** Where the value can be read again (the model-info endpoint, without the volatile query). */
  private String modelUrl(String id) {
    return base.newBuilder().addPathSegments("api/models").addPathSegments(id).build().toString();
  }
}
