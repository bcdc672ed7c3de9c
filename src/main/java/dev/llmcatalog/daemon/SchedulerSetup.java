package dev.llmcatalog.daemon;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.simpl.RAMJobStore;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The daemon's Quartz scheduler: in memory beside an SQLite file (one daemon per file, see {@link DaemonLock}), or
 * clustered in PostgreSQL beside the data (Quartz's tables come with the schema), where every node of the cluster sees
 * the same jobs and triggers: a trigger fires on one node, a job that disallows concurrent runs runs on one node at a
 * time, and the triggers of a node that stops checking in are recovered by another.
 */
final class SchedulerSetup {
  /** The cluster's name: Quartz's nodes share their jobs with every node of the same name in the same tables. */
  static final String CLUSTER = "llm-catalog";
  /** Default check-in interval of a node: a killed node's jobs are taken over within about three of them. */
  static final Duration DEFAULT_CHECKIN = Duration.ofSeconds(5);
  /** Quartz keeps schedulers and connection providers in JVM-wide registries by name: each daemon of a JVM needs its own. */
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private SchedulerSetup() {}

  /** A scheduler of its own, in memory: Quartz cannot cluster on SQLite. */
  static Scheduler inMemory(int threads) throws SchedulerException {
    Properties p = common(threads);
    p.setProperty("org.quartz.scheduler.instanceName", "llm-catalog-daemon-" + INSTANCES.incrementAndGet());
    p.setProperty("org.quartz.jobStore.class", RAMJobStore.class.getName());
    return new StdSchedulerFactory(p).getScheduler();
  }

  /** Node {@code node} of the cluster whose job store is in {@code dataSource}'s database. */
  static Scheduler clustered(DataSource dataSource, String node, int threads, Duration checkin) throws SchedulerException {
    String provider = "llm-catalog-" + INSTANCES.incrementAndGet();
    DBConnectionManager.getInstance().addConnectionProvider(provider, new PoolProvider(dataSource));
    Properties p = common(threads);
    p.setProperty("org.quartz.scheduler.instanceName", CLUSTER);
    p.setProperty("org.quartz.scheduler.instanceId", node);
    p.setProperty("org.quartz.jobStore.class", ClusterJobStore.class.getName());
    p.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
    p.setProperty("org.quartz.jobStore.dataSource", provider);
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin.toMillis()));
    // Nodes take the trigger lock to acquire triggers, so two of them never fire the same one.
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    // The registry would hand this node to the next one of the same name in this JVM (a test runs several nodes);
    // nothing else looks a scheduler up there.
    SchedulerRepository.getInstance().remove(CLUSTER);
    return scheduler;
  }

  private static Properties common(int threads) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    // Daemon threads: a job that ignores its interrupt must not keep the JVM alive after stop().
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    return p;
  }

  /** Quartz's connections come from the daemon's pool, which the daemon closes itself. */
  private record PoolProvider(DataSource dataSource) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
      // the pool is the daemon's
    }

    @Override
    public void initialize() {
      // ready as given
    }
  }
}
