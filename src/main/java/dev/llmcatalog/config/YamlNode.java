package dev.llmcatalog.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers its line, so that every validation error can name where it is. Jackson's
 * tree model drops locations; this small tree keeps them.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
  int line();

  String kind();

  /** A scalar; {@code text} is null for YAML null. */
  record Scalar(String text, int line) implements YamlNode {
    @Override
    public String kind() {
      return text == null ? "null" : "a scalar";
    }
  }

  /** A mapping in document order; {@code keyLines} holds the line of each key. */
  record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /** Reads the value at the parser's current token. Duplicate keys are an error. */
  static YamlNode read(JsonParser p, String file) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        if (entries.containsKey(key)) {
          throw ConfigException.at(file, keyLine, "duplicate key '" + key + "' (first at line " + keyLines.get(key) + ")");
        }
        p.nextToken();
        keyLines.put(key, keyLine);
        entries.put(key, read(p, file));
      }
      return new Mapping(entries, keyLines, line);
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(p, file));
      }
      return new Sequence(items, line);
    }
    if (token == JsonToken.VALUE_NULL) {
      return new Scalar(null, line);
    }
    return new Scalar(p.getText(), line);
  }
}
