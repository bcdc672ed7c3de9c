package dev.llmcatalog.store;

/**
 * One exchange of the raw archive: what was asked ({@code method url}), where the answer came from after
 * redirects, its status, response headers ("Name: value" lines) and body.
 */
public record ArchivedFetch(String source, String method, String url, String finalUrl, int status, String headers,
    byte[] body, long durationMillis) {}
