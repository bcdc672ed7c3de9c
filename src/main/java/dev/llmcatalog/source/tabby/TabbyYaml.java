package dev.llmcatalog.source.tabby;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A board file as Jackson's YAML mapper reads it, keeping what binding to a {@code Map} would lose: each key's
 * line, which every error names, and each scalar's text as written ({@code 7.50}, {@code 1.0e+1}, {@code .nan}),
 * which the parser keeps as {@code raw} and quotes in errors. The shape (models, modes, languages) is checked by
 * {@link TabbyParser}, not here: the files' indentation and key casing vary, and a wrong shape must be named.
 */
@JsonDeserialize(using = TabbyYaml.Reader.class)
sealed interface TabbyYaml {
  /** The line the value starts on. */
  int line();

  /** A mapping's entries in file order. */
  record Mapping(int line, List<Entry> entries) implements TabbyYaml {
    public Mapping {
      entries = List.copyOf(entries);
    }
  }

  /** One key of a mapping, its line, and its value. */
  record Entry(String key, int line, TabbyYaml value) {}

  /** Anything but a mapping: a scalar ({@code token} says which kind) or, unread, a list. */
  record Other(int line, JsonToken token, String text) implements TabbyYaml {}

  final class Reader extends StdDeserializer<TabbyYaml> {
    Reader() {
      super(TabbyYaml.class);
    }

    @Override
    public TabbyYaml deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      int line = p.currentTokenLocation().getLineNr();
      if (!p.isExpectedStartObjectToken()) {
        Other other = new Other(line, p.currentToken(), p.getText());
        p.skipChildren();
        return other;
      }
      List<Entry> entries = new ArrayList<>();
      for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
        int keyLine = p.currentTokenLocation().getLineNr();
        p.nextToken();
        entries.add(new Entry(key, keyLine, deserialize(p, ctxt)));
      }
      return new Mapping(line, entries);
    }

    /** A file that is just {@code null} or {@code ~}: Jackson asks for it without handing over the token. */
    @Override
    public TabbyYaml getNullValue(DeserializationContext ctxt) {
      return new Other(ctxt.getParser().currentTokenLocation().getLineNr(), JsonToken.VALUE_NULL, "null");
    }
  }
}
