package dev.llmcatalog.progress;

/**
 * What a source tells the progress display: how many models it expects and how many it has done. Thread-safe;
 * the source's requests and retries are counted by the fetch layer, so a source that cannot count models may
 * ignore this altogether.
 */
public interface SourceProgress {
  SourceProgress NONE = new SourceProgress() {
    @Override
    public void expect(long models) {}

    @Override
    public void done(long models) {}
  };

  /**
   * Adds {@code models} to the total; negative when fewer came than expected (a query group that ended before its
   * limit), so that the total shrinks to what was seen. No call: the total is unknown and no ETA is shown.
   */
  void expect(long models);

  /** {@code models} more are done (fetched and parsed). */
  void done(long models);
}
