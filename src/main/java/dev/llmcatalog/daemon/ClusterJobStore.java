package dev.llmcatalog.daemon;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's JDBC job store, clustered, with the failure detection sized to the check-in interval. Public with a
 * no-argument constructor only because Quartz creates its job store by class name.
 */
public final class ClusterJobStore extends JobStoreTX {
  /** Quartz's own margin, which this store never exceeds. */
  private static final long QUARTZ_MARGIN_MILLIS = 7_500;

  /**
   * When a silent node counts as dead: after its last check-in, one of its intervals (or as long as this node went
   * without checking in, when that was longer), plus a margin for clock skew and slow transactions. Quartz's margin is
   * a fixed 7.5 s; here it is one check-in interval, at most that, so that a node killed at the default 5 s interval
   * is taken over within about 15 s and a test's 1 s interval within about 3 s.
   */
  @Override
  protected long calcFailedIfAfter(SchedulerStateRecord rec) {
    long margin = Math.min(getClusterCheckinInterval(), QUARTZ_MARGIN_MILLIS);
    return rec.getCheckinTimestamp() + Math.max(rec.getCheckinInterval(), System.currentTimeMillis() - lastCheckin)
        + margin;
  }
}
