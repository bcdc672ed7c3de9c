package dev.llmcatalog.source.hub;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Group;
import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HostSlot;
import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.Fields;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.normalize.ValueSink;
import dev.llmcatalog.progress.SourceProgress;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.SourceDescriptor;
import dev.llmcatalog.source.SourceMemory;
import dev.llmcatalog.source.Upstreams;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model metadata from the Hugging Face Hub. Query groups come from the list endpoint with {@code expand}:
 * one request per page of up to 1000 models and no request per model, since the list gives every stored
 * field. Listed models need one model-info request each (the Hub has no batch model-info endpoint, and
 * the list cannot select arbitrary ids), except that one listing of an author whose models fit in one page, as
 * earlier syncs learned, may replace its models' requests ({@link ListedModels}). They run {@code fetch.parallelism}
 * at a time (default {@value #DEFAULT_PARALLELISM}), within the fetch layer's per-host limits, while the groups' pages are read, and
 * their values come out in the config's order whatever order the answers arrive in. A model the Hub does not know (401/404) is recorded
 * as missing; any other failure fails the whole source.
 */
public final class HubSource implements Source {
  public static final String NAME = "hub";
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(Upstreams.HUB), Optional.empty()), // its models' eval results fill tables
      c -> new HubSource(c.config(), c.fetcher(), c.endpoints().get(Upstreams.HUB.key()), c.memory()));
  static final int DEFAULT_PARALLELISM = 8;
  private static final Logger log = LoggerFactory.getLogger(HubSource.class);

  private final CatalogConfig config;
  private final HubClient client;
  private final HttpUrl base;
  private final int parallelism;
  private final SourceMemory memory;

  /** @param memory which authors' listed models one listing can read (see {@link ListedModels}) */
  public HubSource(CatalogConfig config, Fetcher fetcher, String endpoint, SourceMemory memory) {
    this.config = config;
    this.client = new HubClient(fetcher, endpoint);
    this.base = Upstreams.base(endpoint);
    this.parallelism = (int) config.fetch().find("parallelism").orElse(DEFAULT_PARALLELISM);
    this.memory = memory;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean subjectsAreHubIds() {
    return true;
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
    return fetch(progress, ValueSink.NONE);
  }

  /**
   * Hands each model's values to {@code sink} as soon as they are parsed: the groups' models page by page, the
   * listed ones as their answers are taken in config order. A model seen twice (listed and in a group, or in two
   * groups) is handed once more at the end with its settled values (see {@link Values#then}).
   */
  @Override
  public SourceData fetch(SourceProgress progress, ValueSink sink) throws IOException {
    progress.expect(config.listedModels().size()
        + config.groups().stream().mapToLong(g -> g.top().map(t -> (long) t.limit()).orElse(0L)).sum());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
      Thread t = new Thread(r, "hub-fetch");
      t.setDaemon(true);
      return t;
    });
    try {
      // The listed models' requests run while this thread pages through the groups: the two wait on the
      // network independently, so the source takes about as long as the longer of them, not their sum. The pages
      // follow one another, so they keep one of the host's slots to themselves: taken before the pool's requests
      // start, it spares each page a wait behind them.
      AtomicBoolean listedFailed = new AtomicBoolean(); // stops the paging below: the source fails anyway
      ListedModels listedModels = new ListedModels(client, config.listedModels(), memory.recall(), memory.replaying());
      Handing handing = new Handing(sink);
      List<Future<ModelFetch>> listed;
      Values grouped;
      try (HostSlot pages = config.groups().stream().anyMatch(g -> g.top().isPresent()) ? client.holdPageSlot()
          : HostSlot.NONE) {
        listed = listedModels.submit(pool, progress, listedFailed);
        try {
          grouped = fetchGroups(progress, listedFailed, handing, pages);
        } catch (ListedModelFailed e) {
          grouped = null; // the failed request's own error is thrown while its result is awaited below
        }
      }
      Values values = new Values(handing);
      List<MissingModel> missing = new ArrayList<>();
      List<Alias> aliases = new ArrayList<>();
      for (Future<ModelFetch> future : listed) {
        ModelFetch result = await(future);
        String id = result.requestedId();
        if (result instanceof ModelFetch.Found found) {
          HubModel model = found.model();
          if (!model.id().equals(id)) {
            log.info("{} is now {}", id, model.id());
            aliases.add(new Alias(id, model.id()));
          }
          values.add(model, null, null);
        } else if (result instanceof ModelFetch.Missing gone) {
          log.warn("{}: not found on the Hub (HTTP {}{})", id, gone.status(), gone.errorCode() == null ? "" : " " + gone.errorCode());
          missing.add(new MissingModel(id, gone.status(), gone.errorCode()));
        }
      }
      if (grouped == null) {
        throw new IllegalStateException("the groups' paging stopped for a listed model that did not fail");
      }
      memory.remember(listedModels.learned()); // only now: a failed fetch learns nothing
      // a listed model that a group also lists takes the group's values, as fresh as the model-info answer
      List<Observation> all = values.then(grouped);
      handing.settle(all);
      return new SourceData(all, missing, aliases);
    } finally {
      pool.shutdownNow(); // a failure fails the source: listed requests not yet started are dropped
      HubClient.awaitQuietly(pool);
    }
  }

  /** Thrown from the list's model sink to stop paging once a listed model has failed the source. */
  private static final class ListedModelFailed extends RuntimeException {
    ListedModelFailed() {
      super(null, null, false, false);
    }
  }

  /**
   * Every query group's models from the list endpoint, with their rank in the group; stops at the next model once
   * {@code listedFailed} is set, rather than reading the rest of a long group for a source that fails anyway.
   */
  private Values fetchGroups(SourceProgress progress, AtomicBoolean listedFailed, Handing handing, HostSlot pages)
      throws IOException {
    Values grouped = new Values(handing);
    for (Group group : config.groups()) {
      if (group.top().isEmpty()) {
        continue;
      }
      String rank = Fields.rank(group.id());
      int[] position = {0};
      int count = client.fetchTop(group.top().get(), pages, model -> {
        if (listedFailed.get()) {
          throw new ListedModelFailed();
        }
        grouped.add(model, rank, String.valueOf(++position[0]));
        progress.done(1);
      });
      if (count < group.top().get().limit()) {
        progress.expect(count - group.top().get().limit());
      }
      log.info("group {}: {} models", group.id(), count);
    }
    return grouped;
  }

  /**
   * The observations of Hub models in one flat list: a 100,000-model group is over a million values, too many
   * for a map per model. A model seen twice (listed and in a group, or in two groups) is rare; it is noted, and
   * {@link #then} keeps the last value of each of its keys.
   */
  private final class Values {
    private final List<Observation> list = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> twice = new HashSet<>();
    private final Handing handing;

    Values(Handing handing) {
      this.handing = handing;
    }

    void add(HubModel m, String rankKey, String rank) {
      int first = list.size();
      addValues(m, rankKey, rank);
      handing.hand(m.id(), list.subList(first, list.size()));
    }

    private void addValues(HubModel m, String rankKey, String rank) {
      if (!seen.add(m.id())) {
        twice.add(m.id());
      }
      String url = modelUrl(m.id()); // one URL string per model, not per value
      add(m.id(), Fields.SHA, m.sha(), url);
      add(m.id(), Fields.LAST_MODIFIED, m.lastModified(), url);
      add(m.id(), Fields.CREATED_AT, m.createdAt(), url);
      add(m.id(), Fields.DOWNLOADS, m.downloads() == null ? null : m.downloads().toString(), url);
      add(m.id(), Fields.LIKES, m.likes() == null ? null : m.likes().toString(), url);
      add(m.id(), Fields.LICENSE, m.license(), url);
      add(m.id(), Fields.PIPELINE_TAG, m.pipelineTag(), url);
      add(m.id(), Fields.LIBRARY_NAME, m.libraryName(), url);
      add(m.id(), Fields.PARAMETERS, m.parameters() == null ? null : m.parameters().toString(), url);
      add(m.id(), Fields.GATED, m.gated(), url);
      add(m.id(), Fields.TAGS, m.tags().isEmpty() ? null : String.join(",", m.tags()), url);
      if (rankKey != null) {
        add(m.id(), rankKey, rank, url);
      }
      Map<String, Integer> perDataset = new HashMap<>();
      for (EvalResult r : m.evalResults()) {
        int n = perDataset.merge(r.dataset(), 1, Integer::sum);
        String key = Fields.eval(r.dataset()) + (n == 1 ? "" : "#" + n);
        list.add(new Observation(m.id(), "", key, r.value(), r.raw(), url));
        add(m.id(), key + ":task", r.task(), url);
        add(m.id(), key + ":date", r.date(), url);
        add(m.id(), key + ":verified", r.verified(), url);
        add(m.id(), key + ":source_url", r.sourceUrl(), url);
        add(m.id(), key + ":notes", r.notes(), url);
      }
    }

    private void add(String subject, String key, String value, String url) {
      if (value != null) {
        list.add(new Observation(subject, key, value, url));
      }
    }

    /** These values followed by {@code later}'s; of a key given twice for one model, the later value. */
    List<Observation> then(Values later) {
      Set<String> twice = new HashSet<>(this.twice);
      twice.addAll(later.twice);
      later.seen.forEach(id -> {
        if (seen.contains(id)) {
          twice.add(id);
        }
      });
      List<Observation> all = new ArrayList<>(list.size() + later.list.size());
      all.addAll(list);
      all.addAll(later.list);
      if (twice.isEmpty()) {
        return all;
      }
      Set<String> kept = new HashSet<>(); // model NUL key, for the models seen twice only
      List<Observation> last = new ArrayList<>(all.size());
      for (int i = all.size() - 1; i >= 0; i--) {
        Observation o = all.get(i);
        if (!twice.contains(o.subject()) || kept.add(o.subject() + "\u0000" + o.key())) {
          last.add(o);
        }
      }
      Collections.reverse(last);
      return last;
    }
  }

  /**
   * What goes to the sink: each model's values when first seen; a model seen again is held back and handed at the
   * end with its settled values, which replace what was handed for it.
   */
  private static final class Handing {
    private final ValueSink sink;
    private final Set<String> handed = new HashSet<>();
    private final Set<String> again = new HashSet<>();

    Handing(ValueSink sink) {
      this.sink = sink;
    }

    void hand(String id, List<Observation> values) {
      if (sink == ValueSink.NONE) {
        return;
      }
      if (!handed.add(id)) {
        again.add(id);
      } else if (!values.isEmpty()) {
        sink.accept(List.copyOf(values));
      }
    }

    /** Hands the settled values of the models seen more than once, from the whole state {@code all}. */
    void settle(List<Observation> all) {
      if (!again.isEmpty()) {
        sink.accept(all.stream().filter(o -> again.contains(o.subject())).toList());
      }
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

  /** Where the value can be read again (the model-info endpoint, without the volatile query). */
  private String modelUrl(String id) {
    return base.newBuilder().addPathSegments("api/models").addPathSegments(id).build().toString();
  }
}
