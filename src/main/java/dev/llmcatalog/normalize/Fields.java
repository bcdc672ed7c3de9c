package dev.llmcatalog.normalize;

/** Canonical keys of the Hub metadata stored per model. */
public final class Fields {
  public static final String SHA = "sha";
  public static final String LAST_MODIFIED = "last_modified";
  public static final String CREATED_AT = "created_at";
  public static final String DOWNLOADS = "downloads";
  public static final String LIKES = "likes";
  public static final String LICENSE = "license";
  public static final String PIPELINE_TAG = "pipeline_tag";
  public static final String LIBRARY_NAME = "library_name";
  public static final String PARAMETERS = "parameters";
  public static final String GATED = "gated";
  public static final String TAGS = "tags";
  /** Prefix of the key holding a model's 1-based position in a query group: {@code rank:<group id>}. */
  public static final String RANK_PREFIX = "rank:";

  /**
   * Prefix of a model's own benchmark result: {@code eval:<dataset id>} holds the value as served, and
   * {@code eval:<dataset id>:task}, {@code :date}, {@code :verified}, {@code :source_url} and {@code :notes} its
   * provenance. A model's second result on one dataset (another task or setup) is {@code eval:<dataset id>#2}, and so on.
   */
  public static final String EVAL_PREFIX = "eval:";

  private Fields() {}

  public static String eval(String datasetId) {
    return EVAL_PREFIX + datasetId;
  }

  public static String rank(String groupId) {
    return RANK_PREFIX + groupId;
  }
}
