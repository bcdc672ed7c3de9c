package dev.llmcatalog.daemon;

/** The daemon cannot start: another one holds the database, or Quartz refused the schedule. */
public final class DaemonException extends RuntimeException {
  DaemonException(String message) {
    super(message);
  }

  DaemonException(String message, Throwable cause) {
    super(message, cause);
  }
}
