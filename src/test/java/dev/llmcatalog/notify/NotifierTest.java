package dev.llmcatalog.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.config.NotificationTarget;
import dev.llmcatalog.config.NotificationTarget.Events;
import dev.llmcatalog.config.NotificationTarget.Kind;
import dev.llmcatalog.config.SecretRef;
import dev.llmcatalog.store.NotificationStore;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.LocalServers;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The notifier against a MockWebServer playing each bot, a real SQLite outbox, a fixed clock and a known secret: the
 * exact bodies and signatures, events and minimum change size, retries, failures kept for the next run, and secrets
 * kept out of logs and the database.
 */
class NotifierTest {
  /** 2025-11-26T10:00:00Z: 1764151200 seconds. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-26T10:00:00Z"), ZoneOffset.UTC);
  static final String SECRET = "SECtest0123456789";
  /**
   * The signatures of {@link #SECRET} at {@link #CLOCK}, computed outside Java (Python's hmac, hashlib and base64),
   * so that a mistake in {@link Signatures} cannot hide in the expected value:
   * {@code b64encode(hmac.new(b"1764151200\nSECtest0123456789", b"", sha256).digest())} and
   * {@code b64encode(hmac.new(b"SECtest0123456789", b"1764151200000\nSECtest0123456789", sha256).digest())}.
   */
  static final String FEISHU_SIGN = "zqGhDPSlhGwxZ5+fYi1sNioCr61VSSIsOCxob4Qt91U=";
  static final String DINGTALK_SIGN = "F/KlV3k9ydSEEqBmA3ae2CCwA+CpASog14RWwkEb+sc=";
  static final String TOKEN = "tok9f8e7d6c5b4a";
  static final String SUMMARY = "# llm-catalog review\n\nChanges of run 1 (nothing published yet).\n\n- hub: phi-2 license mit → apache-2.0\n";

  @TempDir
  Path dir;
  private final MockWebServer bot = LocalServers.mockWebServer();
  private final FakeTime time = new FakeTime();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Map<String, String> env = new HashMap<>();
  private SnapshotStore store;
  private long run;

  @BeforeEach
  void start() throws Exception {
    bot.start();
    env.put("BOT_URL", bot.url("/hook/" + TOKEN + "?access_token=" + TOKEN).toString());
    env.put("BOT_SECRET", SECRET);
    store = SnapshotStore.open(dir.resolve("catalog.db"), CLOCK);
    run = store.beginRun("test");
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void stop() {
    root().detachAppender(logs);
    store.close();
    bot.close();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  static NotificationTarget target(String name, Kind kind, String urlVar, Optional<String> secretVar, Events events,
      long minChanges, int attempts, String format) {
    return new NotificationTarget(name, kind, Optional.of(new SecretRef(SecretRef.Kind.ENV, urlVar)),
        secretVar.map(v -> new SecretRef(SecretRef.Kind.ENV, v)), events, minChanges, attempts, Duration.ofSeconds(5),
        format, Optional.empty());
  }

  static NotificationTarget bot(String name, Kind kind) {
    return target(name, kind, "BOT_URL", Optional.empty(), Events.BOTH, 1, 1, "text");
  }

  private Notifier notifier(NotificationTarget... targets) {
    return new Notifier(List.of(targets), new Environment(env), CLOCK, time, "llm-catalog/test");
  }

  private Outcome changes(long changes) {
    return new Outcome(run, changes, List.of(), SUMMARY, Optional.of("/data/summary.md"));
  }

  private void send(NotificationTarget target, Outcome outcome) {
    try (Notifier notifier = notifier(target)) {
      notifier.afterSync(store.notifications(), outcome);
    }
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = bot.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the bot").isNotNull();
    return request;
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Test
  void feishuTextIsSignedInTheBodyWithTimestampInSeconds() throws Exception {
    bot.enqueue(new MockResponse.Builder().body("{\"code\":0,\"data\":{},\"msg\":\"success\"}").build());

    send(target("lark", Kind.FEISHU, "BOT_URL", Optional.of("BOT_SECRET"), Events.BOTH, 1, 1, "text"), changes(3));

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/hook/" + TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getBody().utf8()).isEqualTo("{\"timestamp\":\"1764151200\",\"sign\":\"" + FEISHU_SIGN
        + "\",\"msg_type\":\"text\",\"content\":{\"text\":\"" + json("llm-catalog run " + run + ": 3 changes\n\n"
        + SUMMARY) + "\"}}");
    assertThat(store.notifications().loadUnsent()).isEmpty();
  }

  @Test
  void feishuPostHasATitleAndAParagraphPerLine() throws Exception {
    bot.enqueue(new MockResponse.Builder().body("{\"code\":0,\"msg\":\"success\"}").build());

    send(target("lark", Kind.FEISHU, "BOT_URL", Optional.empty(), Events.BOTH, 1, 1, "post"),
        new Outcome(run, 1, List.of(), "# review\n\n- one", Optional.empty()));

    assertThat(take().getBody().utf8()).isEqualTo("{\"msg_type\":\"post\",\"content\":{\"post\":{\"zh_cn\":{\"title\":"
        + "\"llm-catalog run " + run + ": 1 change\",\"content\":[[{\"tag\":\"text\",\"text\":\"# review\"}],"
        + "[{\"tag\":\"text\",\"text\":\"\"}],[{\"tag\":\"text\",\"text\":\"- one\"}]]}}}}");
  }

  @Test
  void dingTalkIsSignedInTheQueryWithTimestampInMillisecondsAndUrlEncodedSign() throws Exception {
    bot.enqueue(new MockResponse.Builder().body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());

    send(target("ding", Kind.DINGTALK, "BOT_URL", Optional.of("BOT_SECRET"), Events.BOTH, 1, 1, "text"), changes(2));

    RecordedRequest request = take();
    assertThat(request.getUrl().encodedQuery()).isEqualTo("access_token=" + TOKEN + "&timestamp=1764151200000&sign="
        + URLEncoder.encode(DINGTALK_SIGN, StandardCharsets.UTF_8));
    assertThat(request.getUrl().encodedQuery()).endsWith("&sign=F%2FKlV3k9ydSEEqBmA3ae2CCwA%2BCpASog14RWwkEb%2Bsc%3D");
    assertThat(request.getBody().utf8()).isEqualTo("{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"llm-catalog run "
        + run + ": 2 changes\",\"text\":\"" + json(SUMMARY) + "\"}}");
  }

  @Test
  void weComGetsMarkdownCutTo4096BytesWithAPointerToTheSummaryFile() throws Exception {
    bot.enqueue(new MockResponse.Builder().body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());
    String longSummary = "# llm-catalog review\n\n" + "- 模型 score changed from 1.0 to 2.0\n".repeat(300);

    send(bot("wecom", Kind.WECOM), new Outcome(run, 300, List.of(), longSummary, Optional.of("/data/summary.md")));

    String body = take().getBody().utf8();
    String content = JsonPost.JSON.readTree(body).get("markdown").get("content").asText();
    assertThat(body).startsWith("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**llm-catalog run " + run
        + ": 300 changes**\\n\\n# llm-catalog review\\n\\n- 模型 score");
    assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096).isGreaterThan(3900);
    assertThat(content).endsWith("- 模型 score changed from 1.0 to 2.0\n\n[cut to fit; the whole summary is in /data/summary.md]");
  }

  @Test
  void slackGetsTheSubjectAndSummaryAsText() throws Exception {
    bot.enqueue(new MockResponse.Builder().body("ok").build());

    send(bot("slack", Kind.SLACK), changes(5));

    assertThat(take().getBody().utf8()).isEqualTo("{\"text\":\"" + json("llm-catalog run " + run + ": 5 changes\n\n"
        + SUMMARY) + "\"}");
    assertThat(store.notifications().loadUnsent()).isEmpty();
  }

  @Test
  void theGenericWebhookGetsTheDocumentedBody() throws Exception {
    bot.enqueue(new MockResponse.Builder().code(204).build());

    send(bot("hook", Kind.WEBHOOK), new Outcome(run, 7, List.of("arena"), SUMMARY, Optional.of("/data/summary.md")));

    assertThat(take().getBody().utf8()).isEqualTo("{\"run\":" + run + ",\"subject\":\"llm-catalog run " + run
        + ": 7 changes, 1 source failed (arena)\",\"events\":[\"changes\",\"failures\"],\"changes\":7,"
        + "\"failed_sources\":[\"arena\"],\"summary\":\"" + json(SUMMARY) + "\",\"summary_path\":\"/data/summary.md\"}");
  }

  @Test
  void eachTargetGetsOnlyItsEventsAndChangesOfAtLeastItsMinimum() throws Exception {
    bot.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).build();
      }
    });
    env.put("CHANGES", bot.url("/changes").toString());
    env.put("BIG", bot.url("/big").toString());
    env.put("FAILURES", bot.url("/failures").toString());
    env.put("BOTH", bot.url("/both").toString());
    NotificationTarget[] targets = {
        target("changes", Kind.WEBHOOK, "CHANGES", Optional.empty(), Events.CHANGES, 1, 1, "text"),
        target("big", Kind.WEBHOOK, "BIG", Optional.empty(), Events.CHANGES, 10, 1, "text"),
        target("failures", Kind.WEBHOOK, "FAILURES", Optional.empty(), Events.FAILURES, 1, 1, "text"),
        target("both", Kind.WEBHOOK, "BOTH", Optional.empty(), Events.BOTH, 10, 1, "text")};

    try (Notifier notifier = notifier(targets)) {
      notifier.afterSync(store.notifications(), changes(3));
      assertThat(paths()).containsExactly("/changes");
      notifier.afterSync(store.notifications(), changes(10));
      assertThat(paths()).containsExactly("/changes", "/big", "/both");
      notifier.afterSync(store.notifications(), new Outcome(run, 0, List.of("hub"), "note", Optional.empty()));
      assertThat(paths()).containsExactly("/failures", "/both");
      notifier.afterSync(store.notifications(), new Outcome(run, 0, List.of(), "nothing", Optional.empty()));
      assertThat(paths()).isEmpty();
    }
  }

  private List<String> paths() throws InterruptedException {
    List<String> paths = new java.util.ArrayList<>();
    // afterSync has returned: every request was recorded by the server before its answer came back
    for (RecordedRequest r = bot.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
        r = bot.takeRequest(0, TimeUnit.MILLISECONDS)) {
      paths.add(r.getUrl().encodedPath());
    }
    return paths;
  }

  @Test
  void failedTriesAreRetriedWithDoublingBackoffOnTheInjectedTime() throws Exception {
    bot.enqueue(new MockResponse.Builder().code(500).build());
    bot.enqueue(new MockResponse.Builder().code(502).build());
    bot.enqueue(new MockResponse.Builder().body("ok").build());

    send(target("slack", Kind.SLACK, "BOT_URL", Optional.empty(), Events.BOTH, 1, 3, "text"), changes(1));

    assertThat(bot.getRequestCount()).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(store.notifications().loadUnsent()).isEmpty();
    assertThat(column("SELECT attempts || ' ' || sent_at FROM notification")).isEqualTo("3 2025-11-26T10:00:00Z");
  }

  @Test
  void aBotAnswering200WithAnErrorCodeFailsIsKeptAndIsSentByTheNextRun() throws Exception {
    bot.enqueue(new MockResponse.Builder().body("{\"errcode\":310000,\"errmsg\":\"sign not match\"}").build());
    bot.enqueue(new MockResponse.Builder().body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());
    NotificationTarget ding = bot("ding", Kind.DINGTALK);

    send(ding, changes(4));

    List<NotificationStore.Unsent> unsent = store.notifications().loadUnsent();
    assertThat(unsent).hasSize(1);
    assertThat(unsent.get(0).attempts()).isEqualTo(1);
    assertThat(unsent.get(0).lastError()).isEqualTo("errcode 310000: sign not match");
    assertThat(unsent.get(0).draft().body()).isEqualTo(SUMMARY);

    long next = store.beginRun("test");
    send(ding, new Outcome(next, 0, List.of(), "nothing", Optional.empty())); // a run with nothing new to say

    assertThat(take().getBody().utf8()).contains("4 changes");
    assertThat(take().getBody().utf8()).contains("4 changes");
    assertThat(store.notifications().loadUnsent()).isEmpty();
  }

  /** Issue 16 on a cluster: a node never sends what another node (or a job beside it) has claimed. */
  @Test
  void aNotificationAnotherRunHoldsIsLeftToItAndSentOnceItIsGivenBack() throws Exception {
    bot.enqueue(new MockResponse.Builder().body("ok").build());
    NotificationTarget slack = bot("slack", Kind.SLACK);
    long id = store.notifications().enqueue(new NotificationStore.Draft(run, "slack", "changes", 2, List.of(),
        "llm-catalog run " + run + ": 2 changes", SUMMARY, null));
    assertThat(store.notifications().claim(id, Notifier.lease(slack))).as("the other node's claim").isTrue();

    send(slack, changes(0));

    assertThat(bot.getRequestCount()).isZero();
    assertThat(store.notifications().loadUnsent()).extracting(NotificationStore.Unsent::id).containsExactly(id);
    store.notifications().release(id); // the other node's tries failed
    send(slack, changes(0));
    assertThat(take().getBody().utf8()).contains("2 changes");
    assertThat(store.notifications().loadUnsent()).isEmpty();
  }

  @Test
  void aClaimLastsEveryTryAndEveryWaitWithAMinuteToSpare() {
    assertThat(Notifier.lease(bot("once", Kind.SLACK))).isEqualTo(Duration.ofMinutes(7));
    assertThat(Notifier.lease(target("thrice", Kind.SLACK, "BOT_URL", Optional.empty(), Events.BOTH, 1, 3, "text")))
        .isEqualTo(Duration.ofMinutes(19).plusSeconds(5 + 10));
  }

  @Test
  void feishuAnsweringANonZeroCodeIsAFailure() throws Exception {
    bot.enqueue(new MockResponse.Builder().body("{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within"
        + " one hour from current time\"}").build());

    send(target("lark", Kind.FEISHU, "BOT_URL", Optional.of("BOT_SECRET"), Events.BOTH, 1, 1, "text"), changes(1));

    assertThat(store.notifications().loadUnsent()).singleElement().extracting(NotificationStore.Unsent::lastError)
        .isEqualTo("code 19021: sign match fail or timestamp is not within one hour from current time");
  }

  @Test
  void aMissingSecretIsRecordedAsTheReasonAndNothingIsSent() throws Exception {
    env.remove("BOT_URL");

    send(bot("slack", Kind.SLACK), changes(1));

    assertThat(bot.getRequestCount()).isZero();
    assertThat(store.notifications().loadUnsent()).singleElement().extracting(NotificationStore.Unsent::lastError)
        .isEqualTo("url: environment variable BOT_URL is not set");
  }

  @Test
  void noSecretReachesTheLogsOrTheDatabaseEvenWhenTheBotEchoesIt() throws Exception {
    // An error page that repeats the request, token and all, as some proxies' pages do.
    bot.enqueue(new MockResponse.Builder().code(404).body("no_service for /hook/" + TOKEN + "?access_token=" + TOKEN
        + " sign " + SECRET).build());
    bot.enqueue(new MockResponse.Builder().body("{\"errcode\":300001,\"errmsg\":\"token " + TOKEN + " is invalid\"}")
        .build());

    send(target("ding", Kind.DINGTALK, "BOT_URL", Optional.of("BOT_SECRET"), Events.BOTH, 1, 2, "text"), changes(1));

    String logged = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(logged).contains("notify ding:", "(" + bot.getHostName() + ")").doesNotContain(TOKEN, SECRET);
    String stored = column("SELECT group_concat(coalesce(last_error, '') || target || subject || body || events, '|')"
        + " FROM notification");
    assertThat(stored).contains("errcode 300001: token *** is invalid").doesNotContain(TOKEN, SECRET);
  }

  @Test
  void anEmailReachesTheSmtpServerWithSubjectAndBody() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    try {
      smtp.setUser("bot@example.org", "bot", "mail-pass-123");
      env.put("SMTP_PASSWORD", "mail-pass-123");
      NotificationTarget.Mail mail = new NotificationTarget.Mail("127.0.0.1", smtp.getSmtp().getPort(), "none",
          Optional.of("bot"), Optional.of(new SecretRef(SecretRef.Kind.ENV, "SMTP_PASSWORD")), "bot@example.org",
          List.of("ops@example.org", "lead@example.org"));
      NotificationTarget target = new NotificationTarget("ops", Kind.EMAIL, Optional.empty(), Optional.empty(),
          Events.BOTH, 1, 1, Duration.ofSeconds(5), "text", Optional.of(mail));

      send(target, new Outcome(run, 2, List.of("arena"), SUMMARY, Optional.of("/data/summary.md")));

      assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
      MimeMessage received = smtp.getReceivedMessages()[0];
      assertThat(received.getSubject()).isEqualTo("llm-catalog run " + run + ": 2 changes, 1 source failed (arena)");
      assertThat(received.getFrom()[0].toString()).isEqualTo("bot@example.org");
      assertThat(String.valueOf(received.getContent()).replace("\r\n", "\n")).isEqualTo(SUMMARY.stripTrailing()); // SMTP ends the data at the last line break
      assertThat(received.getSentDate()).isEqualTo(java.util.Date.from(CLOCK.instant()));
      assertThat(store.notifications().loadUnsent()).isEmpty();
      assertThat(String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList()))
          .contains("notify ops: sent the notification of run " + run + " to email (127.0.0.1)")
          .doesNotContain("mail-pass-123");
    } finally {
      smtp.stop();
    }
  }

  private String column(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
