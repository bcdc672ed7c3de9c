package dev.llmcatalog.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Removes a target's secrets from a text before it is logged or stored: the secret values themselves and, for a
 * webhook URL, its path and query values (where bots keep their tokens). A safety net: errors are written without
 * them in the first place.
 */
record Redactor(List<String> secrets) {
  static final String MASK = "***";

  Redactor {
    List<String> all = new ArrayList<>(secrets.stream().filter(s -> s != null && s.length() >= 4).toList());
    all.sort(Comparator.comparingInt(String::length).reversed()); // longest first: a URL before the token inside it
    secrets = List.copyOf(all);
  }

  /** The secrets of a target with {@code url} (may be null) and other secret values. */
  static Redactor of(HttpUrl url, List<String> values) {
    List<String> all = new ArrayList<>(values);
    if (url != null) {
      all.add(url.toString());
      all.add(url.encodedPath());
      url.pathSegments().stream().filter(s -> s.length() >= 8).forEach(all::add);
      for (int i = 0; i < url.querySize(); i++) {
        all.add(url.queryParameterValue(i));
      }
      if (url.encodedQuery() != null) {
        all.add(url.encodedQuery());
      }
    }
    return new Redactor(all);
  }

  String clean(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return out;
  }
}
