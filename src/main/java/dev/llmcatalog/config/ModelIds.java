package dev.llmcatalog.config;

import java.util.regex.Pattern;

/** The shape of a Hugging Face repo id, {@code org/name}. */
public final class ModelIds {
  // Hub rule: letters, digits, '-', '_', '.'; no leading/trailing '-' or '.'; at most 96 chars per part.
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?");

  private ModelIds() {}

  public static boolean isValid(String id) {
    if (id == null) {
      return false;
    }
    int slash = id.indexOf('/');
    if (slash <= 0 || slash != id.lastIndexOf('/')) {
      return false;
    }
    String org = id.substring(0, slash);
    String name = id.substring(slash + 1);
    return PART.matcher(org).matches() && PART.matcher(name).matches() && !id.contains("..");
  }

  /** Whether {@code name} is a valid user or organisation name (the part before the slash). */
  public static boolean isValidAuthor(String name) {
    return name != null && PART.matcher(name).matches();
  }
}
