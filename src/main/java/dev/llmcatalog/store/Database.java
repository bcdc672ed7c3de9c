package dev.llmcatalog.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

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
      throw new StoreException("cannot migrate " + file, e);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file, e);
    }
  }
}
