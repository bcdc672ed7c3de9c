package dev.llmcatalog.store;

import dev.llmcatalog.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Opens the SQLite file with the pragmas every connection needs and brings its schema up to date. */
final class Database {
  static final int BUSY_TIMEOUT_MS = 30_000;

  private Database() {}

  static Connection open(Path file) {
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
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .loggers("slf4j")
          .load()
          .migrate();
      return dataSource.getConnection();
    } catch (FlywayException e) {
      // Flyway's message is a multi-line report; the SQLite error under it is the one line worth showing.
      Optional<SQLException> sqlite = sqlCause(e);
      if (sqlite.isPresent() && sqlite.get() instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
        // The --db value names some other file: the user's mistake, reported like a bad flag.
        throw new ConfigException(file + " is not an SQLite database (file is not a database)");
      }
      throw sqlite.map(s -> new StoreException("cannot open " + file, s)).orElseGet(() -> new StoreException("cannot migrate " + file, e));
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file, e);
    }
  }

  private static Optional<SQLException> sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
