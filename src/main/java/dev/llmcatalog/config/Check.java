package dev.llmcatalog.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The checks config records share; each failure is a {@link ConfigInvalid} naming the key. */
final class Check {
  private Check() {}

  static <T> T required(T value, String key) {
    if (value == null) {
      throw new ConfigInvalid("", "missing key '" + key + "'");
    }
    return value;
  }

  static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  static long range(long value, long min, long max, String key) {
    if (value < min || value > max) {
      throw new ConfigInvalid(key, key + " must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  /** As {@link #range(long, long, long, String)}, for a number of seconds. */
  static long seconds(long value, long min, long max, String key) {
    if (value < min || value > max) {
      throw new ConfigInvalid(key, key + " must be from " + min + " to " + max + " seconds, got " + value);
    }
    return value;
  }

  /** A non-blank text value, stripped. */
  static String text(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new ConfigInvalid(key, key + ": expected a non-empty value");
    }
    return value.strip();
  }

  static String modelId(String id, String at) {
    if (id == null || !ModelIds.isValid(id.strip())) {
      throw new ConfigInvalid(at, "bad model id '" + id + "': expected org/name");
    }
    return id.strip();
  }

  static List<String> modelIds(List<String> ids, String key) {
    List<String> checked = new ArrayList<>();
    if (ids != null) {
      for (int i = 0; i < ids.size(); i++) {
        checked.add(modelId(ids.get(i), key + "/" + i));
      }
    }
    return checked;
  }

  static String url(String url, String key) {
    String u = text(url, key);
    if (!u.startsWith("https://") && !u.startsWith("http://")) {
      throw new ConfigInvalid(key, "'" + u + "' is not an http(s) URL");
    }
    return u;
  }

  /** A lower-case id ({@code [a-z0-9][a-z0-9_-]*}) of a group or table. */
  static String id(String id, String what) {
    String t = text(id, "id");
    if (!t.matches("[a-z0-9][a-z0-9_-]*")) {
      throw new ConfigInvalid("id", what + " id '" + t + "' must be lower-case letters, digits, '-' or '_'");
    }
    return t;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
