package dev.llmcatalog.source.hub;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Group;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.Fields;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model metadata from the Hugging Face Hub: one model-info request per listed model, one list query per
 * query group. A model the Hub does not know (401/404) is recorded as missing; any other failure fails
 * the whole source.
 */
public final class HubSource implements Source {
  public static final String NAME = "hub";
  private static final Logger log = LoggerFactory.getLogger(HubSource.class);

  private final CatalogConfig config;
  private final HubClient client;
  private final HttpUrl base;

  public HubSource(CatalogConfig config, Fetcher fetcher, String endpoint) {
    this.config = config;
    this.client = new HubClient(fetcher, endpoint);
    this.base = HttpUrl.get(endpoint.endsWith("/") ? endpoint : endpoint + "/");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    Map<String, Observation> observations = new LinkedHashMap<>();
    List<MissingModel> missing = new ArrayList<>();
    List<Alias> aliases = new ArrayList<>();
    for (String id : config.listedModels()) {
      ModelFetch result = client.fetchModel(id);
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
      List<HubModel> top = client.fetchTop(group.top().get());
      log.info("group {}: {} models", group.id(), top.size());
      for (int i = 0; i < top.size(); i++) {
        HubModel model = top.get(i);
        observe(model, observations);
        put(observations, model.id(), Fields.rank(group.id()), String.valueOf(i + 1));
      }
    }
    return new SourceData(List.copyOf(observations.values()), missing, aliases);
  }

  private void observe(HubModel m, Map<String, Observation> out) {
    put(out, m.id(), Fields.SHA, m.sha());
    put(out, m.id(), Fields.LAST_MODIFIED, m.lastModified());
    put(out, m.id(), Fields.CREATED_AT, m.createdAt());
    put(out, m.id(), Fields.DOWNLOADS, m.downloads() == null ? null : m.downloads().toString());
    put(out, m.id(), Fields.LIKES, m.likes() == null ? null : m.likes().toString());
    put(out, m.id(), Fields.LICENSE, m.license());
    put(out, m.id(), Fields.PIPELINE_TAG, m.pipelineTag());
    put(out, m.id(), Fields.LIBRARY_NAME, m.libraryName());
    put(out, m.id(), Fields.PARAMETERS, m.parameters() == null ? null : m.parameters().toString());
    put(out, m.id(), Fields.GATED, m.gated());
    put(out, m.id(), Fields.TAGS, m.tags().isEmpty() ? null : String.join(",", m.tags()));
  }

  private void put(Map<String, Observation> out, String subject, String key, String value) {
    if (value != null) {
      out.put(subject + '\u0000' + key, new Observation(subject, key, value, modelUrl(subject)));
    }
  }

  /** Where the value can be read again (the model-info endpoint, without the volatile query). */
  private String modelUrl(String id) {
    return base.newBuilder().addPathSegments("api/models").addPathSegments(id).build().toString();
  }
}
