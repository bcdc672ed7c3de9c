package dev.llmcatalog.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.text.ParseException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Loads and validates {@code catalog.yaml}. Every problem is reported as one {@link ConfigException} line
 * naming the file and line: YAML syntax, unknown keys, wrong types, bad model ids and duplicates.
 */
public final class ConfigLoader {
  private static final Pattern GROUP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Set<String> SORTS = Set.of("downloads", "likes", "lastModified", "createdAt", "trendingScore");

  final String file;

  private ConfigLoader(String file) {
    this.file = file;
  }

  /** Loads the config at {@code path}; relative paths inside it resolve against its folder. */
  public static CatalogConfig load(Path path) {
    String name = path.toString();
    YamlNode root;
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        JsonParser parser = new YAMLFactory().createParser(reader)) {
      if (parser.nextToken() == null) {
        throw ConfigException.at(name, 0, "the file is empty");
      }
      root = YamlNode.read(parser, name);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": config file not found");
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw ConfigException.at(name, loc == null ? 0 : loc.getLineNr(), "YAML syntax error: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage());
    }
    return new ConfigLoader(name).parse(root, path.toAbsolutePath().getParent());
  }

  private CatalogConfig parse(YamlNode rootNode, Path dir) {
    YamlNode.Mapping root = mapping(rootNode, "the config");
    allowKeys(root, "template", "output", "front_matter", "groups", "links", "endpoints", "sources", "aliases", "tables", "review", "fetch",
        "validation", "schedules", "arena");
    Path template = dir.resolve(optionalText(root, "template").orElse("catalog.template.md")).normalize();
    Path output = dir.resolve(optionalText(root, "output").orElse("../db/catalog.md")).normalize();
    FrontMatter frontMatter = frontMatter(required(root, "front_matter"));
    List<Group> groups = groups(required(root, "groups"));
    List<LinkSection> links = root.entries().containsKey("links") ? links(root.entries().get("links")) : List.of();
    Map<String, String> endpoints = new LinkedHashMap<>();
    if (root.entries().containsKey("endpoints")) {
      YamlNode.Mapping m = mapping(root.entries().get("endpoints"), "endpoints");
      allowKeys(m, Endpoints.KNOWN.keySet().stream().sorted().toArray(String[]::new));
      m.entries().forEach((key, node) -> endpoints.put(key, url(text(node, key), node)));
    }
    List<String> sources = CatalogConfig.KNOWN_SOURCES;
    if (root.entries().containsKey("sources")) {
      sources = new ArrayList<>();
      for (YamlNode node : sequence(root.entries().get("sources"), "sources").items()) {
        String name = text(node, "a source");
        if (!CatalogConfig.KNOWN_SOURCES.contains(name)) {
          throw ConfigException.at(file, node.line(), "unknown source '" + name + "' (known: "
              + String.join(", ", CatalogConfig.KNOWN_SOURCES) + ")");
        }
        if (sources.contains(name)) {
          throw ConfigException.at(file, node.line(), "source '" + name + "' listed twice");
        }
        sources.add(name);
      }
    }
    Map<String, String> aliases = new LinkedHashMap<>();
    if (root.entries().containsKey("aliases")) {
      YamlNode.Mapping m = mapping(root.entries().get("aliases"), "aliases");
      m.entries().forEach((name, node) -> aliases.put(name, modelId(node)));
    }
    List<TableConfig> tables = root.entries().containsKey("tables")
        ? new TableConfigParser(this).tables(root.entries().get("tables"), sources) : List.of();
    Review review = review(root.entries().get("review"), dir);
    return new CatalogConfig(Path.of(file), template, output, frontMatter, groups, links, endpoints, sources, aliases, tables,
        review, fetch(root.entries().get("fetch")), validation(root.entries().get("validation")),
        schedules(root.entries().get("schedules"), sources), arena(root.entries().get("arena")));
  }

  /** The {@code arena} section: which board of the LMArena dataset the arena source reads. */
  private ArenaConfig arena(YamlNode node) {
    if (node == null) {
      return ArenaConfig.defaults();
    }
    YamlNode.Mapping m = mapping(node, "arena");
    allowKeys(m, "subset", "category");
    String subset = arenaName(m, "subset", ArenaConfig.DEFAULT_SUBSET);
    return new ArenaConfig(subset, arenaName(m, "category", ArenaConfig.DEFAULT_CATEGORY));
  }

  private String arenaName(YamlNode.Mapping m, String key, String fallback) {
    String name = optionalText(m, key).orElse(fallback);
    if (!ArenaConfig.NAME.matcher(name).matches()) {
      throw ConfigException.at(file, m.entries().get(key).line(), "arena." + key + ": '" + name
          + "' is not a name of the dataset (letters, digits, '_', '-', '.'; e.g. text_style_control, overall)");
    }
    return name;
  }

  private Validation validation(YamlNode node) {
    if (node == null) {
      return Validation.defaults();
    }
    YamlNode.Mapping m = mapping(node, "validation");
    allowKeys(m, "max_shrink");
    YamlNode value = m.entries().get("max_shrink");
    if (value == null) {
      return Validation.defaults();
    }
    String text = text(value, "max_shrink");
    double shrink;
    try {
      shrink = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      shrink = -1;
    }
    if (!(shrink >= 0 && shrink <= 1)) {
      throw ConfigException.at(file, value.line(),
          "max_shrink must be a number from 0 to 1 (0.5 = reject a snapshot with less than half the models), got '" + text + "'");
    }
    return new Validation(shrink);
  }

  private Schedules schedules(YamlNode node, List<String> sources) {
    if (node == null) {
      return Schedules.defaults();
    }
    YamlNode.Mapping m = mapping(node, "schedules");
    String defaultCron = Schedules.DEFAULT_CRON;
    Map<String, String> crons = new LinkedHashMap<>();
    long jitter = 0;
    long stopTimeout = Schedules.DEFAULT_STOP_TIMEOUT.toSeconds();
    for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
      String key = e.getKey();
      YamlNode value = e.getValue();
      switch (key) {
        case "default" -> defaultCron = cron(value, "default schedule");
        case "jitter" -> jitter = seconds(value, key, 0);
        case "stop_timeout" -> stopTimeout = seconds(value, key, 1);
        default -> {
          if (!sources.contains(key)) {
            throw ConfigException.at(file, m.keyLines().get(key), "schedule for unknown source '" + key
                + "' (configured sources: " + String.join(", ", sources) + "; other keys: default, jitter, stop_timeout)");
          }
          crons.put(key, cron(value, "schedule for '" + key + "'"));
        }
      }
    }
    return new Schedules(defaultCron, crons, Duration.ofSeconds(jitter), Duration.ofSeconds(stopTimeout));
  }

  /** A Quartz cron expression, checked here so that a daemon never starts with one it cannot schedule. */
  private String cron(YamlNode node, String what) {
    String expression = text(node, what);
    CronExpression parsed;
    try {
      parsed = new CronExpression(expression);
    } catch (ParseException e) {
      throw ConfigException.at(file, node.line(), what + ": bad cron expression '" + expression + "': " + e.getMessage()
          + " (Quartz syntax: sec min hour day month weekday [year])");
    }
    if (parsed.getNextValidTimeAfter(new Date()) == null) {
      throw ConfigException.at(file, node.line(), what + ": cron expression '" + expression + "' never fires again");
    }
    return expression;
  }

  private long seconds(YamlNode node, String key, long min) {
    String text = text(node, key);
    long n;
    try {
      n = Long.parseLong(text);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < min || n > 86_400) {
      throw ConfigException.at(file, node.line(), key + " must be a whole number of seconds from " + min + " to 86400, got '"
          + text + "'");
    }
    return n;
  }

  private FetchConfig fetch(YamlNode node) {
    if (node == null) {
      return FetchConfig.none();
    }
    YamlNode.Mapping m = mapping(node, "fetch");
    List<String> keys = new ArrayList<>(FetchConfig.NUMERIC_KEYS);
    keys.add("contact_url");
    allowKeys(m, keys.toArray(String[]::new));
    Map<String, Long> numbers = new LinkedHashMap<>();
    for (String key : FetchConfig.NUMERIC_KEYS) {
      YamlNode value = m.entries().get(key);
      if (value != null) {
        String text = text(value, key);
        long n;
        try {
          n = Long.parseLong(text);
        } catch (NumberFormatException e) {
          n = 0;
        }
        if (n < 1 || n > 86_400) {
          throw ConfigException.at(file, value.line(), key + " must be a whole number from 1 to 86400, got '" + text + "'");
        }
        numbers.put(key, n);
      }
    }
    Optional<String> contact = optionalText(m, "contact_url").map(u -> url(u, m.entries().get("contact_url")));
    return new FetchConfig(contact, numbers);
  }

  private Review review(YamlNode node, Path dir) {
    Path diff = dir.resolve("../db/catalog.diff").normalize();
    Path summary = dir.resolve("../db/summary.md").normalize();
    if (node == null) {
      return new Review(Review.DEFAULT_COUNTER_THRESHOLD, diff, summary);
    }
    YamlNode.Mapping m = mapping(node, "review");
    allowKeys(m, "counter_threshold", "diff", "summary");
    double threshold = Review.DEFAULT_COUNTER_THRESHOLD;
    if (m.entries().containsKey("counter_threshold")) {
      String text = text(m.entries().get("counter_threshold"), "counter_threshold");
      try {
        threshold = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        threshold = -1;
      }
      if (!(threshold >= 0 && threshold <= 100)) {
        throw ConfigException.at(file, m.entries().get("counter_threshold").line(),
            "counter_threshold must be a number from 0 to 100 (0.1 = 10%), got '" + text + "'");
      }
    }
    return new Review(threshold, optionalText(m, "diff").map(dir::resolve).map(Path::normalize).orElse(diff),
        optionalText(m, "summary").map(dir::resolve).map(Path::normalize).orElse(summary));
  }

  /** A Hub id value, validated. */
  String modelId(YamlNode node) {
    String model = text(node, "a model id");
    if (!ModelIds.isValid(model)) {
      throw ConfigException.at(file, node.line(), "bad model id '" + model + "': expected org/name");
    }
    return model;
  }

  private FrontMatter frontMatter(YamlNode node) {
    YamlNode.Mapping m = mapping(node, "front_matter");
    allowKeys(m, "layout", "title", "date", "categories", "tags");
    return new FrontMatter(
        optionalText(m, "layout").orElse("post"),
        requiredText(m, "title"),
        optionalText(m, "date").orElse(""),
        m.entries().containsKey("categories") ? texts(m.entries().get("categories"), "categories") : List.of(),
        m.entries().containsKey("tags") ? texts(m.entries().get("tags"), "tags") : List.of());
  }

  private List<Group> groups(YamlNode node) {
    YamlNode.Sequence seq = sequence(node, "groups");
    List<Group> groups = new ArrayList<>();
    Map<String, Integer> groupLines = new HashMap<>();
    Map<String, Integer> modelLines = new HashMap<>();
    for (YamlNode item : seq.items()) {
      YamlNode.Mapping m = mapping(item, "a group");
      allowKeys(m, "id", "title", "models", "top");
      String id = requiredText(m, "id");
      YamlNode idNode = m.entries().get("id");
      if (!GROUP_ID.matcher(id).matches()) {
        throw ConfigException.at(file, idNode.line(), "group id '" + id + "' must be lower-case letters, digits, '-' or '_'");
      }
      Integer seen = groupLines.putIfAbsent(id, idNode.line());
      if (seen != null) {
        throw ConfigException.at(file, idNode.line(), "duplicate group id '" + id + "' (first at line " + seen + ")");
      }
      List<String> models = new ArrayList<>();
      if (m.entries().containsKey("models")) {
        for (YamlNode modelNode : sequence(m.entries().get("models"), "models").items()) {
          String model = modelId(modelNode);
          Integer first = modelLines.putIfAbsent(model.toLowerCase(java.util.Locale.ROOT), modelNode.line());
          if (first != null) {
            throw ConfigException.at(file, modelNode.line(), "duplicate model '" + model + "' (first at line " + first + ")");
          }
          models.add(model);
        }
      }
      Optional<TopQuery> top = m.entries().containsKey("top") ? Optional.of(top(m.entries().get("top"))) : Optional.empty();
      if (models.isEmpty() && top.isEmpty()) {
        throw ConfigException.at(file, m.line(), "group '" + id + "' needs 'models' or 'top'");
      }
      groups.add(new Group(id, optionalText(m, "title").orElse(id), models, top));
    }
    return groups;
  }

  private TopQuery top(YamlNode node) {
    YamlNode.Mapping m = mapping(node, "top");
    allowKeys(m, "author", "filter", "sort", "limit");
    String author = requiredText(m, "author");
    if (!ModelIds.isValidAuthor(author)) {
      throw ConfigException.at(file, m.entries().get("author").line(), "bad author '" + author + "'");
    }
    String sort = optionalText(m, "sort").orElse("downloads");
    if (!SORTS.contains(sort)) {
      throw ConfigException.at(file, m.entries().get("sort").line(), "unknown sort '" + sort + "', expected one of " + new java.util.TreeSet<>(SORTS));
    }
    int limit = TopQuery.DEFAULT_LIMIT;
    if (m.entries().containsKey("limit")) {
      YamlNode limitNode = m.entries().get("limit");
      String text = text(limitNode, "limit");
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        limit = 0;
      }
      if (limit < 1 || limit > 100_000) {
        throw ConfigException.at(file, limitNode.line(), "limit must be a whole number from 1 to 100000, got '" + text + "'");
      }
    }
    return new TopQuery(author, optionalText(m, "filter").orElse(null), sort, limit);
  }

  private List<LinkSection> links(YamlNode node) {
    List<LinkSection> sections = new ArrayList<>();
    for (YamlNode item : sequence(node, "links").items()) {
      YamlNode.Mapping m = mapping(item, "a link section");
      allowKeys(m, "title", "links");
      List<LinkSection.Link> links = new ArrayList<>();
      for (YamlNode linkNode : sequence(required(m, "links"), "links").items()) {
        YamlNode.Mapping l = mapping(linkNode, "a link");
        allowKeys(l, "title", "url");
        links.add(new LinkSection.Link(requiredText(l, "title"), url(requiredText(l, "url"), l.entries().get("url"))));
      }
      sections.add(new LinkSection(requiredText(m, "title"), links));
    }
    return sections;
  }

  String url(String url, YamlNode node) {
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw ConfigException.at(file, node.line(), "'" + url + "' is not an http(s) URL");
    }
    return url;
  }

  void allowKeys(YamlNode.Mapping m, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Map.Entry<String, Integer> key : m.keyLines().entrySet()) {
      if (!ok.contains(key.getKey())) {
        throw ConfigException.at(file, key.getValue(), "unknown key '" + key.getKey() + "' (expected one of " + String.join(", ", allowed) + ")");
      }
    }
  }

  YamlNode required(YamlNode.Mapping m, String key) {
    YamlNode node = m.entries().get(key);
    if (node == null) {
      throw ConfigException.at(file, m.line(), "missing key '" + key + "'");
    }
    return node;
  }

  String requiredText(YamlNode.Mapping m, String key) {
    return text(required(m, key), key);
  }

  Optional<String> optionalText(YamlNode.Mapping m, String key) {
    YamlNode node = m.entries().get(key);
    return node == null ? Optional.empty() : Optional.of(text(node, key));
  }

  String text(YamlNode node, String what) {
    if (node instanceof YamlNode.Scalar s && s.text() != null && !s.text().isBlank()) {
      return s.text().strip();
    }
    throw ConfigException.at(file, node.line(), what + ": expected a non-empty value, got " + node.kind());
  }

  /** A list of scalars; a single scalar is split on spaces (Jekyll's {@code categories: LLM Leaderboard}). */
  List<String> texts(YamlNode node, String what) {
    if (node instanceof YamlNode.Scalar) {
      return List.of(text(node, what).split("\\s+"));
    }
    return sequence(node, what).items().stream().map(n -> text(n, what)).toList();
  }

  YamlNode.Mapping mapping(YamlNode node, String what) {
    if (node instanceof YamlNode.Mapping m) {
      return m;
    }
    throw ConfigException.at(file, node.line(), what + ": expected a mapping, got " + node.kind());
  }

  YamlNode.Sequence sequence(YamlNode node, String what) {
    if (node instanceof YamlNode.Sequence s) {
      return s;
    }
    throw ConfigException.at(file, node.line(), what + ": expected a list, got " + node.kind());
  }

  private static String firstLine(String message) {
    String m = message == null ? "unreadable" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
