package dev.llmcatalog.store;

/**
 * One exchange of the raw archive: what was asked ({@code method url}), where the answer came from after
 * redirects, its status, response headers ("Name: value" lines) and body (compressed, see {@link ArchivedBody}).
 */
public record ArchivedFetch(String source, String method, String url, String finalUrl, int status, String headers,
    ArchivedBody body, long durationMillis) {}
