package dev.llmcatalog.config;

/** A problem in a user's configuration or template, reported as one line naming the file and line. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  static ConfigException at(String file, int line, String message) {
    return new ConfigException(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
  }
}
