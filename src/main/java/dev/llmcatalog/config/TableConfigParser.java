package dev.llmcatalog.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the {@code tables} section of the config into {@link TableConfig}s. */
final class TableConfigParser {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_.:/ -]+");

  private final ConfigLoader loader;

  TableConfigParser(ConfigLoader loader) {
    this.loader = loader;
  }

  List<TableConfig> tables(YamlNode node, List<String> sources) {
    List<TableConfig> tables = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (YamlNode item : loader.sequence(node, "tables").items()) {
      YamlNode.Mapping m = loader.mapping(item, "a table");
      loader.allowKeys(m, "id", "source", "model_header", "show", "columns", "decimals", "pick", "edition", "models",
          "sort", "limit");
      String id = loader.requiredText(m, "id");
      int line = m.entries().get("id").line();
      if (!ID.matcher(id).matches()) {
        throw ConfigException.at(loader.file, line, "table id '" + id + "' must be lower-case letters, digits, '-' or '_'");
      }
      if (!ids.add(id)) {
        throw ConfigException.at(loader.file, line, "duplicate table id '" + id + "'");
      }
      String source = loader.requiredText(m, "source");
      boolean imported = CatalogConfig.IMPORTED_SOURCES.contains(source);
      if (!imported && (!CatalogConfig.KNOWN_SOURCES.contains(source) || source.equals("hub"))) {
        throw ConfigException.at(loader.file, m.entries().get("source").line(), "table '" + id + "': unknown leaderboard source '"
            + source + "'");
      }
      if (!imported && !sources.contains(source)) {
        throw ConfigException.at(loader.file, m.entries().get("source").line(), "table '" + id + "' reads source '" + source
            + "', which is not in 'sources'");
      }
      String show = loader.optionalText(m, "show").orElse("id");
      if (!show.equals("id") && !show.equals("name")) {
        throw ConfigException.at(loader.file, m.entries().get("show").line(), "show must be 'id' (Hub id) or 'name' (the board's name)");
      }
      List<TableConfig.Column> columns = new ArrayList<>();
      for (YamlNode col : loader.sequence(loader.required(m, "columns"), "columns").items()) {
        YamlNode.Mapping c = loader.mapping(col, "a column");
        loader.allowKeys(c, "metric", "header", "decimals");
        String metric = metric(c.entries().get("metric"), c);
        Optional<Integer> decimals = c.entries().containsKey("decimals") ? Optional.of(decimals(c)) : Optional.empty();
        columns.add(new TableConfig.Column(metric, loader.optionalText(c, "header").orElse(metric), decimals));
      }
      if (columns.isEmpty()) {
        throw ConfigException.at(loader.file, m.line(), "table '" + id + "' has no columns");
      }
      List<String> models = new ArrayList<>();
      if (m.entries().containsKey("models")) {
        for (YamlNode model : loader.sequence(m.entries().get("models"), "models").items()) {
          models.add(loader.modelId(model));
        }
      }
      tables.add(new TableConfig(id, source, loader.optionalText(m, "model_header").orElse("Model"), show.equals("name"),
          columns, decimals(m), loader.optionalText(m, "pick").orElse(columns.get(0).metric()),
          loader.optionalText(m, "edition"), models, loader.optionalText(m, "sort"), limit(m)));
    }
    return tables;
  }

  private String metric(YamlNode node, YamlNode.Mapping parent) {
    if (node == null) {
      throw ConfigException.at(loader.file, parent.line(), "missing key 'metric'");
    }
    String metric = loader.text(node, "metric");
    if (!METRIC.matcher(metric).matches()) {
      throw ConfigException.at(loader.file, node.line(), "bad metric name '" + metric + "'");
    }
    return metric;
  }

  private int decimals(YamlNode.Mapping m) {
    Optional<String> text = loader.optionalText(m, "decimals");
    if (text.isEmpty()) {
      return 2;
    }
    if (text.get().equals("as-given")) {
      return TableConfig.AS_GIVEN;
    }
    try {
      int d = Integer.parseInt(text.get());
      if (d >= 0 && d <= 6) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ConfigException.at(loader.file, m.entries().get("decimals").line(), "decimals must be 0 to 6 or 'as-given'");
  }

  private int limit(YamlNode.Mapping m) {
    Optional<String> text = loader.optionalText(m, "limit");
    if (text.isEmpty()) {
      return 10;
    }
    try {
      int limit = Integer.parseInt(text.get());
      if (limit >= 1 && limit <= 1000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ConfigException.at(loader.file, m.entries().get("limit").line(), "limit must be 1 to 1000");
  }
}
