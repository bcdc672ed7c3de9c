package dev.llmcatalog.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/**
 * Finds the line of a value of a YAML document by its JSON pointer. Bound records and trees forget where their values
 * were; a second streaming pass over the text, which knows the path of every token, gives the line back for an error.
 */
final class YamlLines {
  private static final YAMLFactory YAML = new YAMLFactory();

  private YamlLines() {}

  /**
   * The line of the key or item at {@code pointer} (e.g. {@code /groups/1/models/0}); for a pointer that leads nowhere,
   * the line of its longest existing prefix; 0 when nothing is found.
   */
  static int lineOf(String yaml, String pointer) {
    int best = 0;
    int bestLength = -1;
    try (JsonParser p = YAML.createParser(yaml)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          continue;
        }
        String at = pathOf(p, t);
        if (at.equals(pointer)) {
          return p.currentTokenLocation().getLineNr();
        }
        if (pointer.startsWith(at + "/") || at.isEmpty()) {
          if (at.length() > bestLength) {
            best = p.currentTokenLocation().getLineNr();
            bestLength = at.length();
          }
        }
      }
    } catch (JsonProcessingException e) {
      return best; // past a syntax error: what was found so far
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return best;
  }

  /** The pointer of the current token: a key's own path, or the path of the value a container starts. */
  private static String pathOf(JsonParser p, JsonToken t) {
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      return p.getParsingContext().getParent().pathAsPointer().toString();
    }
    return p.getParsingContext().pathAsPointer().toString();
  }
}
