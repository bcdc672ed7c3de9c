package dev.llmcatalog.store;

import dev.llmcatalog.config.ConfigException;
import dev.llmcatalog.config.Environment;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the data lives, as {@code --db} (or {@code LLM_CATALOG_DB}) names it: an SQLite file (a path or
 * {@code jdbc:sqlite:PATH}) or a PostgreSQL database ({@code jdbc:postgresql://host:5432/catalog}). The user and
 * password of a PostgreSQL URL are taken out of it (else from {@code PGUSER}/{@code PGPASSWORD}) and handed to the driver
 * apart, so that no URL this program logs, shows or stores carries the password; {@link #toString} never shows it.
 */
public final class DbLocation {
  private static final String SQLITE = "jdbc:sqlite:";
  private static final String POSTGRESQL = "jdbc:postgresql:";

  private final Path file;
  private final String url;
  private final String user;
  private final String password;

  private DbLocation(Path file, String url, String user, String password) {
    this.file = file;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * Reads {@code value}; a value that is neither a file nor a supported URL is the user's mistake.
   *
   * @throws ConfigException naming the value (without its password) and what is accepted
   */
  public static DbLocation parse(String value, Environment env) {
    if (value == null || value.isBlank()) {
      throw new ConfigException("--db: empty database location");
    }
    if (value.startsWith(SQLITE)) {
      String path = value.substring(SQLITE.length());
      int query = path.indexOf('?');
      return sqlite(query < 0 ? path : path.substring(0, query), value);
    }
    if (value.startsWith(POSTGRESQL)) {
      return postgresql(value, env);
    }
    if (value.startsWith("jdbc:") || value.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      throw new ConfigException("--db: unsupported database URL '" + withoutPassword(value) + "': give a file,"
          + " jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE");
    }
    return sqlite(value, value);
  }

  /** The SQLite file {@code file}. */
  public static DbLocation file(Path file) {
    return new DbLocation(file, null, null, null);
  }

  private static DbLocation sqlite(String path, String given) {
    if (path.isEmpty() || path.startsWith(":memory:")) {
      throw new ConfigException("--db: '" + given + "' names no file: an SQLite database here is a file");
    }
    try {
      return new DbLocation(Path.of(path), null, null, null);
    } catch (InvalidPathException e) {
      throw new ConfigException("--db: '" + given + "' is not a file name (" + e.getReason() + ")");
    }
  }

  /** The URL's {@code user} and {@code password} parameters win over {@code PGUSER} and {@code PGPASSWORD}. */
  private static DbLocation postgresql(String value, Environment env) {
    int query = value.indexOf('?');
    String base = query < 0 ? value : value.substring(0, query);
    if (base.contains("@")) {
      throw new ConfigException("--db: give the user and password of '" + withoutPassword(value)
          + "' as ?user=NAME&password=SECRET or in PGUSER and PGPASSWORD, not before the host");
    }
    String user = env.find("PGUSER").orElse(null);
    String password = env.find("PGPASSWORD").orElse(null);
    List<String> kept = new ArrayList<>();
    if (query >= 0) {
      for (String parameter : value.substring(query + 1).split("&")) {
        String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
        String given = parameter.contains("=") ? decode(parameter.substring(parameter.indexOf('=') + 1)) : "";
        if (name.equalsIgnoreCase("user")) {
          user = given;
        } else if (name.equalsIgnoreCase("password")) {
          password = given;
        } else if (!parameter.isEmpty()) {
          kept.add(parameter);
        }
      }
    }
    String url = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    return new DbLocation(null, url, user, password);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // not %-encoded after all: taken as given
    }
  }

  /** {@code value} with the value of a {@code password} parameter and any {@code user:password@} replaced by ***. */
  static String withoutPassword(String value) {
    return value.replaceAll("(?i)([?&]password=)[^&]*", "$1***").replaceAll("(//[^/@:]*):[^/@]*@", "$1:***@");
  }

  /** The SQLite file, when the data lives in one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  public boolean isPostgresql() {
    return url != null;
  }

  /** The JDBC URL without user and password (PostgreSQL only). */
  String url() {
    return url;
  }

  Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** Given to the driver, never shown. */
  Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** How messages name the database: the file, or the URL with its user but never its password. */
  @Override
  public String toString() {
    if (file != null) {
      return file.toString();
    }
    return user == null ? url : url + (url.contains("?") ? "&" : "?") + "user=" + user;
  }
}
