package dev.llmcatalog.source.hub;

/** The outcome of asking the Hub for one model. */
sealed interface ModelFetch {
  String requestedId();

  /** The Hub answered with the model, possibly under a new id after a 307 rename. */
  record Found(String requestedId, HubModel model, String url) implements ModelFetch {}

  /** 401 (anonymous) or 404 (with a token): the model does not exist or is private. */
  record Missing(String requestedId, int status, String errorCode) implements ModelFetch {}
}
