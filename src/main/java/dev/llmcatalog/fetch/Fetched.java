package dev.llmcatalog.fetch;

import okhttp3.Headers;

/**
 * One upstream answer read in full: the URL asked for, the URL that answered (after redirects), the
 * status, headers and body.
 */
public record Fetched(String requestedUrl, String finalUrl, int status, Headers headers, byte[] body) {
  public boolean redirected() {
    return !requestedUrl.equals(finalUrl);
  }

  public String contentType() {
    String type = headers.get("Content-Type");
    return type == null ? "" : type;
  }
}
