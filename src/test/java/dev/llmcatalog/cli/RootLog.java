package dev.llmcatalog.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What the console appender would print on stderr during one test: every event that reaches the root logger. A JUnit
 * extension: {@code @RegisterExtension final RootLog log = new RootLog();}.
 */
final class RootLog implements BeforeEachCallback, AfterEachCallback {
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @Override
  public void beforeEach(ExtensionContext context) {
    logged.start();
    root.addAppender(logged);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    root.detachAppender(logged);
  }

  List<ILoggingEvent> events() {
    return logged.list;
  }

  /** The events whose message contains {@code text}. */
  List<ILoggingEvent> about(String text) {
    return logged.list.stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
  }

  void clear() {
    logged.list.clear();
  }
}
