package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * {@code sync} against the fixture upstreams with a notification target of every kind: a local HTTP receiver plays
 * each webhook and bot, GreenMail the SMTP server. The clock is {@link CliHarness#CLOCK} (1795687200 s). Both stores: the
 * outbox is in the database, SQLite's or PostgreSQL's.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class NotificationsCliTest {
  /** Signatures of {@link #SECRET} at 1795687200 s, computed with Python's hmac/hashlib/base64, not with our code. */
  private static final String FEISHU_SIGN = "hcD4RjcsyRL+4uezBqcCIgcYYupASg4peIc06gh7BNk=";
  private static final String DINGTALK_SIGN_ENCODED = "cEXYihNHPL1S6Udk0pVKOFaIdSOSJAkXdaF4H00kdjE%3D";
  private static final String SECRET = "SECtest0123456789";
  private static final String TOKEN = "tokA1b2C3d4E5f6";
  private static final String PASSWORD = "smtp-pass-7788";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final CliHarness cli;
  private final MockWebServer receiver = LocalServers.mockWebServer();
  private final Map<String, MockResponse> answers = new TreeMap<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private GreenMail smtp;

  NotificationsCliTest(TestDatabase.Kind kind) {
    cli = new CliHarness(kind);
  }

  @BeforeEach
  void start() throws Exception {
    receiver.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        MockResponse answer = answers.get(path.substring(0, path.indexOf('/', 1)));
        return answer == null ? new MockResponse.Builder().code(404).build() : answer;
      }
    });
    receiver.start();
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    smtp.setUser("bot@example.org", "bot", PASSWORD);
    for (String kind : new String[] {"webhook", "slack", "feishu", "dingtalk", "wecom"}) {
      cli.env(kind.toUpperCase(java.util.Locale.ROOT) + "_URL", receiver.url("/" + kind + "/" + TOKEN
          + (kind.equals("dingtalk") || kind.equals("wecom") ? "?access_token=" + TOKEN : "")).toString());
    }
    cli.env("BOT_SECRET", SECRET).env("SMTP_PASSWORD", PASSWORD);
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    smtp.stop();
    receiver.close();
  }

  private void answerAllOk() {
    answers.put("/webhook", new MockResponse.Builder().code(204).build());
    answers.put("/slack", new MockResponse.Builder().body("ok").build());
    answers.put("/feishu", new MockResponse.Builder().body("{\"code\":0,\"data\":{},\"msg\":\"success\"}").build());
    answers.put("/dingtalk", new MockResponse.Builder().body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());
    answers.put("/wecom", new MockResponse.Builder().body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());
  }

  private void configure(String events) {
    String section = """

        notifications:
          - {name: hook, kind: webhook, url: env:WEBHOOK_URL, events: %1$s}
          - {name: team, kind: slack, url: env:SLACK_URL, events: %1$s, attempts: 2}
          - {name: lark, kind: feishu, url: env:FEISHU_URL, secret: env:BOT_SECRET, events: %1$s}
          - {name: ding, kind: dingtalk, url: env:DINGTALK_URL, secret: env:BOT_SECRET, events: %1$s}
          - {name: wecom, kind: wecom, url: env:WECOM_URL, events: %1$s}
          - name: ops
            kind: email
            events: %1$s
            mail: {host: 127.0.0.1, port: %2$d, security: none, username: bot, password: env:SMTP_PASSWORD,
                   from: bot@example.org, to: [ops@example.org]}
        """.formatted(events, smtp.getSmtp().getPort());
    cli.config(text -> text + section);
  }

  private Map<String, RecordedRequest> received() throws InterruptedException {
    Map<String, RecordedRequest> byKind = new TreeMap<>();
    // The CLI has returned: every notification was sent (and recorded by the server) before its answer came back.
    for (RecordedRequest r = receiver.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
        r = receiver.takeRequest(0, TimeUnit.MILLISECONDS)) {
      byKind.put(r.getUrl().pathSegments().get(0), r);
    }
    return byKind;
  }

  @Test
  void aSyncThatChangedDataPostsTheSummaryToEveryKindAndMailsIt() throws Exception {
    answerAllOk();
    configure("both");
    cli.run("sync"); // a first sync has nothing to compare with: no change worth reviewing, no notification
    assertThat(received()).isEmpty();
    changePhi2License();

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isZero();
    String summary = Files.readString(cli.dir().resolve("summary.md"));
    assertThat(summary).contains("apache-2.0");
    long changes = 1;
    String subject = "llm-catalog run 2: 1 change";
    Map<String, RecordedRequest> got = received();
    assertThat(got).containsOnlyKeys("webhook", "slack", "feishu", "dingtalk", "wecom");

    JsonNode hook = JSON.readTree(got.get("webhook").getBody().utf8());
    assertThat(hook.get("run").asLong()).isEqualTo(2);
    assertThat(hook.get("subject").asText()).isEqualTo(subject);
    assertThat(hook.get("events").toString()).isEqualTo("[\"changes\"]");
    assertThat(hook.get("changes").asLong()).isEqualTo(changes);
    assertThat(hook.get("failed_sources").size()).isZero();
    assertThat(hook.get("summary").asText()).isEqualTo(summary);
    assertThat(hook.get("summary_path").asText()).isEqualTo(cli.dir().resolve("summary.md").toString());

    assertThat(JSON.readTree(got.get("slack").getBody().utf8()).get("text").asText())
        .startsWith(subject + "\n\n# llm-catalog review\n");

    JsonNode lark = JSON.readTree(got.get("feishu").getBody().utf8());
    assertThat(lark.get("timestamp").asText()).isEqualTo("1795687200");
    assertThat(lark.get("sign").asText()).isEqualTo(FEISHU_SIGN);
    assertThat(lark.get("msg_type").asText()).isEqualTo("text");
    assertThat(lark.get("content").get("text").asText()).startsWith(subject + "\n\n# llm-catalog review\n");

    RecordedRequest ding = got.get("dingtalk");
    assertThat(ding.getUrl().encodedQuery())
        .isEqualTo("access_token=" + TOKEN + "&timestamp=1795687200000&sign=" + DINGTALK_SIGN_ENCODED);
    JsonNode dingBody = JSON.readTree(ding.getBody().utf8());
    assertThat(dingBody.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(dingBody.get("markdown").get("title").asText()).isEqualTo(subject);

    JsonNode wecom = JSON.readTree(got.get("wecom").getBody().utf8());
    assertThat(wecom.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(wecom.get("markdown").get("content").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(4096);

    assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo(subject);
    assertThat(String.valueOf(mail.getContent()).replace("\r\n", "\n")).isEqualTo(summary.stripTrailing());

    assertThat(count("SELECT count(*) FROM notification WHERE sent_at IS NOT NULL")).isEqualTo(6);
    assertThat(count("SELECT count(*) FROM notification")).isEqualTo(6);
    assertNoSecretAnywhere(sync);
  }

  @Test
  void aReceiverAnswering500LeavesTheExitCodeAndIsDeliveredByTheNextRun() throws Exception {
    answerAllOk();
    answers.put("/slack", new MockResponse.Builder().code(500).body("internal error").build());
    configure("changes");
    cli.run("sync");
    changePhi2License();

    CliRunner.Result first = cli.run("sync");

    assertThat(first.exitCode()).isZero();
    assertThat(received()).containsOnlyKeys("webhook", "slack", "feishu", "dingtalk", "wecom");
    assertThat(count("SELECT count(*) FROM notification WHERE sent_at IS NULL AND target = 'team'")).isOne();
    assertThat(count("SELECT attempts FROM notification WHERE target = 'team'")).isEqualTo(2);
    assertThat(logged()).contains("notify team: the notification of run 2 to slack (" + receiver.getHostName()
        + ") failed: HTTP 500: internal error; kept, tried again after the next sync");

    answers.put("/slack", new MockResponse.Builder().body("ok").build());
    CliRunner.Result second = cli.run("sync"); // nothing changed upstream: only the kept notification goes out

    assertThat(second.exitCode()).isZero();
    Map<String, RecordedRequest> got = received();
    assertThat(got).containsOnlyKeys("slack");
    assertThat(JSON.readTree(got.get("slack").getBody().utf8()).get("text").asText())
        .startsWith("llm-catalog run 2: 1 change\n\n").contains("# llm-catalog review", "apache-2.0");
    assertThat(count("SELECT count(*) FROM notification WHERE sent_at IS NULL")).isZero();
    assertThat(count("SELECT count(*) FROM notification")).isEqualTo(6);
    assertNoSecretAnywhere(first);
    assertNoSecretAnywhere(second);
  }

  @Test
  void aFailedSourceNotifiesFailureTargetsAndKeepsExitPartial() throws Exception {
    answerAllOk();
    cli.run("sync");
    configure("failures");
    cli.hub().override("/tabby/tabby.yml", new MockResponse.Builder().code(500).body("internal error").build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    Map<String, RecordedRequest> got = received();
    assertThat(got).containsOnlyKeys("webhook", "slack", "feishu", "dingtalk", "wecom");
    JsonNode hook = JSON.readTree(got.get("webhook").getBody().utf8());
    assertThat(hook.get("subject").asText()).isEqualTo("llm-catalog run 2: 1 source failed (tabby)");
    assertThat(hook.get("events").toString()).isEqualTo("[\"failures\"]");
    assertThat(hook.get("summary").asText()).startsWith("# llm-catalog sync\n\nRun 2 changed no data.\n\n- **tabby failed**");
    assertThat(hook.get("summary_path").isNull()).isTrue();
    assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
  }

  @Test
  void onlyChangesAReviewerWouldSeeCountSoACounterMovingBelowTheThresholdSendsNothing() throws Exception {
    answerAllOk();
    configure("changes");
    cli.run("sync");
    received();

    cli.hub().overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
        .replace("\"downloads\":583921", "\"downloads\":583922"));
    CliRunner.Result noise = cli.run("sync");

    assertThat(noise.exitCode()).isZero();
    assertThat(count("SELECT sum(values_added) FROM snapshot WHERE run_id = 2")).isPositive();
    assertThat(received()).isEmpty();
    assertThat(count("SELECT count(*) FROM notification WHERE run_id = 2")).isZero();

    changePhi2License();
    cli.run("sync");

    JsonNode hook = JSON.readTree(received().get("webhook").getBody().utf8());
    assertThat(hook.get("subject").asText()).isEqualTo("llm-catalog run 3: 1 change");
    assertThat(hook.get("changes").asLong()).isOne();
  }

  @Test
  void withoutNotificationsASyncWritesNoOutboxRow() throws Exception {
    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isZero();
    assertThat(count("SELECT count(*) FROM notification")).isZero();
  }

  private void changePhi2License() {
    cli.hub().overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
        .replace("\"license\":\"mit\"", "\"license\":\"apache-2.0\""));
  }

  private String logged() {
    return String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
  }

  private void assertNoSecretAnywhere(CliRunner.Result run) throws Exception {
    for (String secret : new String[] {TOKEN, SECRET, PASSWORD}) {
      assertThat(run.out()).doesNotContain(secret);
      assertThat(run.err()).doesNotContain(secret);
      assertThat(logged()).doesNotContain(secret);
    }
    for (List<Object> row : cli.database().rows("SELECT * FROM notification")) {
      for (Object value : row) {
        assertThat(String.valueOf(value)).doesNotContain(TOKEN, SECRET, PASSWORD);
      }
    }
  }

  private long count(String sql) throws Exception {
    return cli.count(sql);
  }
}
