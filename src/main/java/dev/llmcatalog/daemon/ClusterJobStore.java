package dev.llmcatalog.daemon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.JobPersistenceException;
import org.quartz.SchedulerConfigException;
import org.quartz.impl.jdbcjobstore.FiredTriggerRecord;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's JDBC job store, clustered, with the failure detection sized to the check-in interval and a clean stop that
 * hands its acquired triggers back. Public with a no-argument constructor only because Quartz creates its job store by
 * class name.
 */
public final class ClusterJobStore extends JobStoreTX {
  private static final Logger log = LoggerFactory.getLogger(ClusterJobStore.class);
  /** Quartz's own margin, which this store never exceeds. */
  private static final long QUARTZ_MARGIN_MILLIS = 7_500;
  /** The stores of the nodes running in this JVM, by node: Quartz gives no other way to reach one. */
  private static final Map<String, ClusterJobStore> NODES = new ConcurrentHashMap<>();

  @Override
  public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
    super.initialize(loadHelper, signaler);
    NODES.put(getInstanceId(), this);
  }

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

  /**
   * Gives back the triggers node {@code node} of this JVM acquired and has not fired yet, for a clean stop: Quartz
   * keeps the next trigger due within half a minute acquired, and a stopping node would otherwise fire it into a job
   * that no longer runs, or leave it acquired until the others count the node as dead. Given back, it fires on another
   * node at its time; should this node's scheduler still reach for it, Quartz finds it no longer acquired, or acquired
   * by the other node, and fires it once.
   */
  static void releaseAcquired(String node) {
    ClusterJobStore store = NODES.get(node);
    if (store != null) {
      store.releaseAcquired();
    }
  }

  private void releaseAcquired() {
    try {
      int released = executeInNonManagedTXLock(LOCK_TRIGGER_ACCESS, conn -> {
        int n = 0;
        try {
          for (FiredTriggerRecord fired : getDelegate().selectInstancesFiredTriggerRecords(conn, getInstanceId())) {
            if (STATE_ACQUIRED.equals(fired.getFireInstanceState())) {
              getDelegate().updateTriggerStateFromOtherState(conn, fired.getTriggerKey(), STATE_WAITING, STATE_ACQUIRED);
              getDelegate().deleteFiredTrigger(conn, fired.getFireInstanceId());
              n++;
            }
          }
        } catch (java.sql.SQLException e) {
          throw new JobPersistenceException("cannot release the acquired triggers: " + e.getMessage(), e);
        }
        return n;
      }, null);
      if (released > 0) {
        log.info("gave {} acquired trigger(s) back to the cluster", released);
      }
    } catch (JobPersistenceException e) {
      log.warn("cannot give the acquired triggers back to the cluster (the others recover them later): {}", e.getMessage());
    }
  }

  /** Also gives back what the scheduler acquired while it was being stopped. */
  @Override
  public void shutdown() {
    if (NODES.remove(getInstanceId(), this)) {
      releaseAcquired();
    }
    super.shutdown();
  }
}
