package dev.llmcatalog.fetch;

import java.io.IOException;

/** An upstream request that did not give a usable answer; the message names the URL and what went wrong. */
public final class FetchException extends IOException {
  private final String url;
  private final int status;

  public FetchException(String url, int status, String message) {
    super(message);
    this.url = url;
    this.status = status;
  }

  public FetchException(String url, String message, Throwable cause) {
    super(message, cause);
    this.url = url;
    this.status = 0;
  }

  public String url() {
    return url;
  }

  /** The HTTP status, or 0 when no response was received. */
  public int status() {
    return status;
  }
}
