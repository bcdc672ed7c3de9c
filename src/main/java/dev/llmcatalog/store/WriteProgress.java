package dev.llmcatalog.store;

/**
 * Told how far the write of a snapshot has come, so that a progress display moves while a large state is written
 * (a first Hub snapshot of 100,000 models takes seconds). Counted in values: each value of the new state once it is
 * stored or found unchanged, and each stored value the write closes. Called on the writing thread, about every
 * 10,000 values; it learns counts only.
 */
public interface WriteProgress {
  WriteProgress NONE = new WriteProgress() {
    @Override
    public void expect(long values) {}

    @Override
    public void done(long values) {}
  };

  /** Adds {@code values} to the total: first the new state's values, later the stored ones the write will close. */
  void expect(long values);

  /** {@code values} more are written (or found unchanged). */
  void done(long values);
}
