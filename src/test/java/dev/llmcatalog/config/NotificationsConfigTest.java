package dev.llmcatalog.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code notifications} section: defaults, secrets only by reference, and one-line errors with the line. */
class NotificationsConfigTest {
  @TempDir
  Path dir;

  @Test
  void withoutASectionNothingIsNotified() throws Exception {
    assertThat(TestConfigs.load(SmallConfig.write(dir, "")).notifications()).isEmpty();
  }

  @Test
  void eachKindBindsWithItsDefaults() throws Exception {
    List<NotificationTarget> targets = TestConfigs.load(SmallConfig.write(dir, """
        notifications:
          - name: team
            kind: slack
            url: env:SLACK_WEBHOOK
          - name: feishu
            kind: feishu
            url: file:/run/secrets/feishu-url
            secret: env:FEISHU_SECRET
            format: post
            events: failures
          - name: hook
            kind: webhook
            url: http://127.0.0.1:8080/hook
            events: changes
            min_changes: 10
            attempts: 5
            backoff_seconds: 30
          - name: ops
            kind: email
            mail:
              host: smtp.example.org
              username: bot
              password: env:SMTP_PASSWORD
              from: llm-catalog@example.org
              to: [ops@example.org]
        """)).notifications();

    assertThat(targets).extracting(NotificationTarget::name).containsExactly("team", "feishu", "hook", "ops");
    NotificationTarget slack = targets.get(0);
    assertThat(slack.kind()).isEqualTo(NotificationTarget.Kind.SLACK);
    assertThat(slack.url()).contains(new SecretRef(SecretRef.Kind.ENV, "SLACK_WEBHOOK"));
    assertThat(slack.events()).isEqualTo(NotificationTarget.Events.BOTH);
    assertThat(slack.minChanges()).isEqualTo(1);
    assertThat(slack.attempts()).isEqualTo(3);
    assertThat(slack.backoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(targets.get(1).format()).isEqualTo("post");
    assertThat(targets.get(1).url()).contains(new SecretRef(SecretRef.Kind.FILE, "/run/secrets/feishu-url"));
    assertThat(targets.get(2).url()).contains(new SecretRef(SecretRef.Kind.LITERAL, "http://127.0.0.1:8080/hook"));
    assertThat(targets.get(2).minChanges()).isEqualTo(10);
    NotificationTarget.Mail mail = targets.get(3).mail().orElseThrow();
    assertThat(mail.port()).isEqualTo(587);
    assertThat(mail.security()).isEqualTo("starttls");
    assertThat(mail.password()).contains(new SecretRef(SecretRef.Kind.ENV, "SMTP_PASSWORD"));
  }

  @Test
  void aBotUrlWrittenIntoTheConfigIsRefusedWithoutRepeatingIt() throws Exception {
    String error = SmallConfig.errorOf(dir, """
        notifications:
          - name: team
            kind: dingtalk
            url: https://oapi.dingtalk.com/robot/send?access_token=abc123secret
        """);

    assertThat(error).startsWith(dir.resolve("catalog.yaml") + ":11: url: a secret is never written into the config")
        .doesNotContain("abc123secret");
  }

  @Test
  void aSigningSecretOrPasswordWrittenIntoTheConfigIsRefused() throws Exception {
    assertThat(SmallConfig.errorOf(dir, """
        notifications:
          - name: team
            kind: feishu
            url: env:FEISHU_URL
            secret: s3cr3t-value
        """)).contains(":12: secret: a secret is never written").doesNotContain("s3cr3t-value");
    assertThat(SmallConfig.errorOf(dir, """
        notifications:
          - name: ops
            kind: email
            mail:
              host: localhost
              username: bot
              password: hunter2-secret
              from: a@example.org
              to: [b@example.org]
        """)).contains(":14: password: a secret is never written").doesNotContain("hunter2-secret");
  }

  @Test
  void badValuesNameTheirLine() throws Exception {
    assertThat(SmallConfig.errorOf(dir, """
        notifications:
          - name: team
            kind: teams
            url: env:X
        """)).endsWith(":10: unknown kind 'teams' (expected webhook, slack, feishu, dingtalk, wecom or email)");
    assertThat(SmallConfig.errorOf(dir, """
        notifications:
          - name: team
            kind: slack
            url: env:X
            events: always
        """)).endsWith(":12: events must be changes, failures or both, got 'always'");
    assertThat(SmallConfig.errorOf(dir, """
        notifications:
          - name: team
            kind: slack
            url: env:X
            secret: env:Y
        """)).endsWith(":12: a signing secret is for kinds feishu and dingtalk only");
    assertThat(SmallConfig.errorOf(dir, """
        notifications:
          - name: team
            kind: slack
            url: env:X
          - name: team
            kind: wecom
            url: env:Y
        """)).endsWith(":12: duplicate notification name 'team' (first at line 9)");
    assertThat(SmallConfig.errorOf(dir, """
        notifications:
          - name: team
            kind: slack
            url: env:X
            colour: red
        """)).contains(":12: unknown key 'colour'");
  }

  @Test
  void aSecretIsReadFromTheEnvironmentOrAFileAndNeverShownByToString() throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, "from-file\n");
    StringBuilder why = new StringBuilder();
    Environment env = new Environment(Map.of("HOOK", "https://hooks.example/T0/B0/xyz"));

    assertThat(new SecretRef(SecretRef.Kind.ENV, "HOOK").resolve(env, why)).contains("https://hooks.example/T0/B0/xyz");
    assertThat(new SecretRef(SecretRef.Kind.FILE, file.toString()).resolve(env, why)).contains("from-file");
    assertThat(new SecretRef(SecretRef.Kind.ENV, "UNSET").resolve(env, why)).isEqualTo(Optional.empty());
    assertThat(why).hasToString("environment variable UNSET is not set");
    assertThat(new SecretRef(SecretRef.Kind.LITERAL, "http://x/y")).hasToString("(literal)");
  }
}
