package dev.llmcatalog.config;

/**
 * A config value that binds but is not valid, thrown from a config record's constructor. {@code at} is the path of
 * the offending key below the record being built ({@code "models/3"}; empty: the record itself), so that the loader
 * can name its line; {@code firstAt}, when set, is the absolute path of an earlier value this one repeats.
 */
public final class ConfigInvalid extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String at;
  private final String firstAt;

  public ConfigInvalid(String at, String message) {
    this(at, message, null);
  }

  ConfigInvalid(String at, String message, String firstAt) {
    super(message);
    this.at = at;
    this.firstAt = firstAt;
  }

  String at() {
    return at;
  }

  String firstAt() {
    return firstAt;
  }
}
