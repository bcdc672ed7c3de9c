package dev.llmcatalog.store;

import dev.llmcatalog.config.ConfigException;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileLock;
import java.nio.channels.FileChannel;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The SQLite file: its schema brought up to date once, then a connection with the pragmas every connection needs. */
final class SqliteDatabase implements Connections {
  static final int BUSY_TIMEOUT_MS = 30_000;
  /** The schema a new file starts from, every migration applied: made by the build ({@link SchemaTemplate#main}). */
  static final String TEMPLATE = "/db/template/schema.sqlite";
  private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

  private final Path file;
  private final SQLiteDataSource dataSource;

  private SqliteDatabase(Path file, SQLiteDataSource dataSource) {
    this.file = file;
    this.dataSource = dataSource;
  }

  /** Creates (with its folder, from {@link #TEMPLATE}) or migrates {@code file}. */
  static SqliteDatabase open(Path file) {
    return open(file, SqliteDatabase.class.getResource(TEMPLATE));
  }

  /**
   * Creates or migrates {@code file}; a file not there yet starts as a copy of {@code template} (none when null). A file
   * with exactly this build's migrations applied ({@link Migrations#upToDate}) is opened as it is; else Flyway checks
   * its migrations against this build's and completes them. A template they do not match (an older build's) is thrown
   * away and the file made by the migrations.
   */
  static SqliteDatabase open(Path file, URL template) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the folder of " + file, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // Writers take the lock at BEGIN, so two writers queue on busy_timeout instead of failing mid-way.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    boolean copied = template != null && SchemaTemplate.copy(template, file);
    if (isFile(file) && Migrations.upToDate(dataSource, Dialect.SQLITE.migrations())) {
      return new SqliteDatabase(file, dataSource); // nothing for Flyway to apply or find wrong
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(Dialect.SQLITE.migrations())
          .loggers("slf4j")
          .load()
          .migrate();
      return new SqliteDatabase(file, dataSource);
    } catch (FlywayException e) {
      if (copied) {
        log.debug("the schema template does not match this build's migrations; migrating {} from scratch", file, e);
        SchemaTemplate.delete(file);
        return open(file, null);
      }
      // Flyway's message is a multi-line report; the SQLite error under it is the one line worth showing.
      Optional<SQLException> sqlite = sqlCause(e);
      if (sqlite.isPresent() && sqlite.get() instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
        // The --db value names some other file: the user's mistake, reported like a bad flag.
        throw new ConfigException(file + " is not an SQLite database (file is not a database)");
      }
      throw sqlite.map(s -> new StoreException("cannot open " + file, s)).orElseGet(() -> new StoreException("cannot migrate " + file, e));
    }
  }

  /** A file with something in it: an empty one (or none) has no history to read. */
  private static boolean isFile(Path file) {
    try {
      return Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Dialect dialect() {
    return Dialect.SQLITE;
  }

  @Override
  public Connection connect() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file, e);
    }
  }

  @Override
  public Connection forCursor(Connection session) {
    return session;
  }

  @Override
  public Optional<DataSource> dataSource() {
    return Optional.empty();
  }

  @Override
  public void close() {
    // Nothing held between connections.
  }

  static Optional<SQLException> sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Writes of a source in this process, per lock file and source: a file region is locked once per process. */
  private static final Map<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  @Override
  public Stores.Lock lockSource(Connection c, String source) {
    Path lockFile = Path.of(file.toAbsolutePath() + ".staging.lock");
    Semaphore here = IN_PROCESS.computeIfAbsent(lockFile + "\u0000" + source, k -> new Semaphore(1));
    here.acquireUninterruptibly();
    try {
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        FileLock region = channel.lock(Integer.toUnsignedLong(source.hashCode()), 1, false); // another process
        return () -> {
          try (channel) {
            region.release();
          } catch (IOException e) {
            throw new StoreException("cannot unlock the writes of " + source, new SQLException(e.getMessage(), e));
          } finally {
            here.release();
          }
        };
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      here.release();
      throw new StoreException("cannot lock the writes of " + source + " (" + lockFile + ")",
          new SQLException(e.getMessage(), e));
    } catch (RuntimeException e) {
      here.release();
      throw e;
    }
  }
}
