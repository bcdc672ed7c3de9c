package dev.llmcatalog.store;

/** A database failure, with the operation that failed. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
