package dev.llmcatalog.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.format.Mappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@code catalog.yaml}: Jackson binds it to the config records, whose constructors validate, and every problem
 * becomes one {@link ConfigException} line naming the file and line: YAML syntax, unknown keys, wrong types, bad
 * values, duplicates. Lines come from the error's location, or from the path of the value it is about.
 */
public final class ConfigLoader {
  private final String file;
  private final String text;

  private ConfigLoader(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Loads the config at {@code path} for a build knowing {@code known}; relative paths resolve against its folder. */
  public static CatalogConfig load(Path path, KnownSources known) {
    String name = path.toString();
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": config file not found");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage());
    }
    return new ConfigLoader(name, text).parse(path.toAbsolutePath().getParent(), known);
  }

  private CatalogConfig parse(Path dir, KnownSources known) {
    JsonNode root;
    try {
      root = Mappers.YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw syntax(e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw ConfigException.at(file, 0, "the file is empty");
    }
    if (!root.isObject()) {
      throw ConfigException.at(file, 1, "the config: expected a mapping, got " + kind(root));
    }
    ObjectNode fixed = ((ObjectNode) root).deepCopy();
    Map<String, Object> sections = new LinkedHashMap<>();
    for (SectionSpec<?> spec : known.sections()) {
      JsonNode section = fixed.remove(spec.key());
      if (section != null) {
        sections.put(spec.key(), bind(section, spec.type(), "/" + spec.key(), known));
      }
    }
    ConfigFile f = bind(fixed, ConfigFile.class, "", known);
    ConfigFile.ReviewSection review = f.review();
    return new CatalogConfig(Path.of(file), dir.resolve(f.template()).normalize(), dir.resolve(f.output()).normalize(),
        f.frontMatter(), f.groups(), f.links(), f.endpoints(), f.sources(), f.aliases(), f.tables(),
        new Review(review.counterThreshold(), dir.resolve(review.diff()).normalize(), dir.resolve(review.summary()).normalize()),
        f.fetch(), f.validation(), f.schedules(), f.charts(), known, sections, f.notifications());
  }

  private <T> T bind(JsonNode node, Class<T> type, String prefix, KnownSources known) {
    ObjectReader reader = Mappers.CONFIG.forType(type)
        .with(new InjectableValues.Std().addValue("known", known));
    try {
      return reader.readValue(node);
    } catch (UnrecognizedPropertyException e) {
      List<String> expected = new ArrayList<>();
      e.getKnownPropertyIds().forEach(id -> expected.add(String.valueOf(id)));
      if (prefix.isEmpty() && e.getPath().size() == 1) {
        known.sections().forEach(s -> expected.add(s.key()));
      }
      Collections.sort(expected); // Jackson's order of a creator's properties is no order a reader can use
      throw error(prefix + pointer(e), "unknown key '" + e.getPropertyName() + "' (expected one of "
          + String.join(", ", expected) + ")");
    } catch (ValueInstantiationException e) {
      String at = prefix + pointer(e);
      if (e.getCause() instanceof ConfigInvalid invalid) {
        String where = invalid.at().isEmpty() ? at : at + "/" + invalid.at();
        String first = invalid.firstAt() == null ? "" : " (first at line " + line(prefix + invalid.firstAt()) + ")";
        throw error(where, invalid.getMessage() + first);
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw error(at, cause.getMessage());
    } catch (InvalidFormatException e) {
      String at = prefix + pointer(e);
      throw error(at, key(at) + ": expected " + expected(e.getTargetType()) + ", got '" + e.getValue() + "'");
    } catch (MismatchedInputException e) {
      String at = prefix + pointer(e);
      JsonNode got = node.at(pointer(e));
      throw error(at, key(at) + ": expected " + expected(e.getTargetType()) + ", got " + kind(got));
    } catch (IOException e) {
      throw ConfigException.at(file, 0, e.getMessage());
    }
  }

  private ConfigException syntax(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    String message = firstLine(e.getOriginalMessage());
    if (message.startsWith("Duplicate field '")) {
      String key = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
      Optional<String> parent = Optional.ofNullable(e.getProcessor())
          .map(p -> ((com.fasterxml.jackson.core.JsonParser) p).getParsingContext().pathAsPointer().toString());
      String first = parent.map(ptr -> ptr.substring(0, ptr.lastIndexOf('/') + 1) + key)
          .map(ptr -> " (first at line " + line(ptr) + ")").orElse("");
      return ConfigException.at(file, line, "duplicate key '" + key + "'" + first);
    }
    return ConfigException.at(file, line, "YAML syntax error: " + message);
  }

  private ConfigException error(String pointer, String message) {
    return ConfigException.at(file, line(pointer), message);
  }

  private int line(String pointer) {
    return YamlLines.lineOf(text, pointer);
  }

  /** The JSON pointer of the value an error is about, from Jackson's reference path. */
  private static String pointer(JsonMappingException e) {
    StringBuilder p = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      p.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
    }
    return p.toString();
  }

  /** The last key of a pointer, for messages: {@code /groups/1/top/limit} -> {@code limit}. */
  private static String key(String pointer) {
    return pointer.isEmpty() ? "the config" : pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "null";
    }
    return node.isObject() ? "a mapping" : node.isArray() ? "a list" : "a scalar";
  }

  private static String firstLine(String message) {
    String m = message == null ? "unreadable" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
