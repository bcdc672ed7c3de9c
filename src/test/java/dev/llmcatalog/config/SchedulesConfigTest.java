package dev.llmcatalog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's {@code schedules} section: defaults, per-source crons, and one-line errors naming source and expression. */
class SchedulesConfigTest {
  @TempDir
  Path dir;

  private static final String BASE = """
      front_matter:
        title: "AI 大模型"
      groups:
        - id: slm
          models:
            - microsoft/phi-2
      sources: [hub, arena]
      """;

  private Path write(String schedules) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, BASE + schedules);
    return file;
  }

  private String errorOf(String schedules) throws Exception {
    Path file = write(schedules);
    return assertThatThrownBy(() -> TestConfigs.load(file)).isInstanceOf(ConfigException.class).actual().getMessage();
  }

  @Test
  void withoutASectionEverySourceRunsEverySixHoursWithoutJitter() throws Exception {
    Schedules schedules = TestConfigs.load(write("")).schedules();

    assertThat(schedules).isEqualTo(new Schedules("0 0 */6 * * ?", Map.of(), Duration.ZERO, Duration.ofSeconds(60)));
    assertThat(schedules.cronFor("arena")).isEqualTo("0 0 */6 * * ?");
  }

  @Test
  void aSourceScheduleOverridesTheDefault() throws Exception {
    Schedules schedules = TestConfigs.load(write("""
        schedules:
          default: "0 0 3 * * ?"
          hub: "0 15 * * * ?"
          jitter: 300
          stop_timeout: 5
        """)).schedules();

    assertThat(schedules.cronFor("hub")).isEqualTo("0 15 * * * ?");
    assertThat(schedules.cronFor("arena")).isEqualTo("0 0 3 * * ?");
    assertThat(schedules.jitter()).isEqualTo(Duration.ofSeconds(300));
    assertThat(schedules.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theShippedConfigSchedulesTheHubHourlyAndTheRestEverySixHours() {
    Schedules schedules = TestConfigs.load(Path.of("config/catalog.yaml")).schedules();

    assertThat(schedules.cronFor("hub")).isEqualTo("0 15 * * * ?");
    assertThat(schedules.cronFor("mteb")).isEqualTo("0 0 */6 * * ?");
    assertThat(schedules.jitter()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void aBadCronExpressionNamesTheSourceTheExpressionAndTheLine() throws Exception {
    assertThat(errorOf("""
        schedules:
          arena: "0 0 25 * * ?"
        """)).isEqualTo(dir.resolve("catalog.yaml") + ":9: schedule for 'arena': bad cron expression '0 0 25 * * ?':"
            + " Hour values must be between 0 and 23 (Quartz syntax: sec min hour day month weekday [year])");
    assertThat(errorOf("""
        schedules:
          default: "0 */6 * * *"
        """)).isEqualTo(dir.resolve("catalog.yaml") + ":9: default schedule: bad cron expression '0 */6 * * *':"
            + " Unexpected end of expression. (Quartz syntax: sec min hour day month weekday [year])");
  }

  @Test
  void aScheduleForASourceNotSyncedIsAnError() throws Exception {
    assertThat(errorOf("""
        schedules:
          tabby: "0 0 * * * ?"
        """)).isEqualTo(dir.resolve("catalog.yaml") + ":9: schedule for unknown source 'tabby' (configured sources:"
            + " hub, arena; other keys: default, jitter, stop_timeout)");
  }

  @Test
  void anExpressionThatNeverFiresAgainIsAnError() throws Exception {
    assertThat(errorOf("""
        schedules:
          hub: "0 0 0 1 1 ? 2001"
        """)).isEqualTo(dir.resolve("catalog.yaml") + ":9: schedule for 'hub': cron expression '0 0 0 1 1 ? 2001' never fires again");
  }

  @Test
  void jitterAndStopTimeoutAreWholeSeconds() throws Exception {
    assertThat(errorOf("schedules:\n  jitter: soon\n"))
        .isEqualTo(dir.resolve("catalog.yaml") + ":9: jitter: expected a whole number, got 'soon'");
    assertThat(errorOf("schedules:\n  stop_timeout: 0\n"))
        .isEqualTo(dir.resolve("catalog.yaml") + ":9: stop_timeout must be from 1 to 86400 seconds, got 0");
  }
}
