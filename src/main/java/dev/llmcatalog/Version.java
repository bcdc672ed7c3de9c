package dev.llmcatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven stamped into the jar. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  public static String get() {
    return VERSION;
  }

  /** The User-Agent sent upstream: names the tool, its version and where to learn about it. */
  public static String userAgent(String contactUrl) {
    return "llm-catalog/" + VERSION + " (+" + contactUrl + ")";
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/llm-catalog.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
