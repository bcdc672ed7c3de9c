package dev.llmcatalog.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a secret is kept: {@code env:NAME} (an environment variable) or {@code file:/path} (a file's first line), or,
 * where a key allows it, a literal value. The config holds only the reference; the value is read when a notification
 * is sent, so that it never enters a log line, the database or a config error. {@link #toString()} shows the
 * reference, never the value.
 */
public record SecretRef(Kind kind, String ref) {
  /** How the secret is kept. */
  public enum Kind { ENV, FILE, LITERAL }

  public SecretRef {
    if (ref == null || ref.isBlank()) {
      throw new ConfigInvalid("", "expected env:NAME or file:/path");
    }
  }

  /**
   * Parses {@code text} found at {@code key}. Without {@code literalAllowed}, a value that is neither {@code env:} nor
   * {@code file:} is refused, and the message does not repeat it (it is likely the secret itself).
   */
  static SecretRef parse(String text, String key, boolean literalAllowed) {
    String t = Check.text(text, key);
    if (t.startsWith("env:") && t.length() > 4) {
      String name = t.substring(4).strip();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new ConfigInvalid(key, key + ": '" + name + "' is no environment variable name");
      }
      return new SecretRef(Kind.ENV, name);
    }
    if (t.startsWith("file:") && t.length() > 5) {
      return new SecretRef(Kind.FILE, t.substring(5).strip());
    }
    if (!literalAllowed) {
      throw new ConfigInvalid(key, key + ": a secret is never written into the config; give env:NAME (an environment"
          + " variable) or file:/path (a file holding it)");
    }
    return new SecretRef(Kind.LITERAL, t);
  }

  /** The value, read now; empty (with {@code why} telling) when the variable is unset or the file unreadable. */
  public Optional<String> resolve(Environment env, StringBuilder why) {
    switch (kind) {
      case ENV -> {
        Optional<String> value = env.find(ref);
        if (value.isEmpty()) {
          why.append("environment variable ").append(ref).append(" is not set");
        }
        return value;
      }
      case FILE -> {
        try {
          String value = Files.readString(Path.of(ref), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
          if (value.isEmpty()) {
            why.append("secret file ").append(ref).append(" is empty");
            return Optional.empty();
          }
          return Optional.of(value);
        } catch (IOException e) {
          why.append("cannot read secret file ").append(ref);
          return Optional.empty();
        }
      }
      default -> {
        return Optional.of(ref);
      }
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ENV -> "env:" + ref;
      case FILE -> "file:" + ref;
      default -> "(literal)";
    };
  }
}
