package dev.llmcatalog.render;

import dev.llmcatalog.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalog template: text with marker blocks ({@code <!-- llm-catalog:begin KIND [ARG] -->} ...
 * {@code <!-- llm-catalog:end -->}) whose content is generated. Text outside the blocks is kept byte for
 * byte.
 */
final class Template {
  static final Pattern BEGIN = Pattern.compile("^<!--\\s*llm-catalog:begin\\s+([a-z-]+)(?:\\s+([A-Za-z0-9_./-]+))?\\s*-->\\s*$");
  static final Pattern END = Pattern.compile("^<!--\\s*llm-catalog:end\\s*-->\\s*$");
  private static final String MARKER = "llm-catalog:";
  private static final Pattern ANY_MARKER = Pattern.compile("<!--\\s*llm-catalog:");

  /** A literal piece of text or a generated block. */
  sealed interface Part permits Text, Block {}

  record Text(String text) implements Part {}

  /** A marker block; {@code line} is the line of its begin marker. */
  record Block(String kind, String arg, int line) implements Part {}

  private final List<Part> parts;

  private Template(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  List<Part> parts() {
    return parts;
  }

  boolean hasBlocks() {
    return parts.stream().anyMatch(p -> p instanceof Block);
  }

  /** Parses {@code text}; a malformed marker is an error naming {@code file} and the line. */
  static Template parse(String text, String file) {
    return parse(text, file, 0);
  }

  /** As {@link #parse(String, String)} for text that starts after {@code linesBefore} lines of its file. */
  static Template parse(String text, String file, int linesBefore) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    Block open = null;
    int lineNo = linesBefore;
    for (int start = 0; start < text.length(); ) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline + 1;
      String line = text.substring(start, end);
      start = end;
      lineNo++;
      if (!line.contains(MARKER)) { // every marker holds it: a line without it is plain text (most of a catalog)
        if (open == null) {
          literal.append(line);
        }
        continue;
      }
      String bare = line.strip();
      Matcher begin = BEGIN.matcher(bare);
      if (begin.matches()) {
        if (open != null) {
          throw new ConfigException(file + ":" + lineNo + ": marker block opened inside the block begun at line " + open.line());
        }
        parts.add(new Text(literal.toString()));
        literal.setLength(0);
        open = new Block(begin.group(1), begin.group(2), lineNo);
      } else if (END.matcher(bare).matches()) {
        if (open == null) {
          throw new ConfigException(file + ":" + lineNo + ": llm-catalog:end without a begin marker");
        }
        parts.add(open);
        open = null;
      } else if (ANY_MARKER.matcher(bare).find()) {
        throw new ConfigException(file + ":" + lineNo + ": malformed llm-catalog marker: " + bare);
      } else if (open == null) {
        literal.append(line);
      }
    }
    if (open != null) {
      throw new ConfigException(file + ":" + open.line() + ": marker block '" + open.kind() + "' is never closed");
    }
    parts.add(new Text(literal.toString()));
    return new Template(parts);
  }
}
