package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One item of the config's {@code notifications} list: where the review summary of a sync goes, for which events,
 * and how hard to try. Secrets (a bot's URL with its token, a signing secret, an SMTP password) are references
 * ({@link SecretRef}), never values. See docs/notifications.md.
 *
 * @param url the webhook URL ({@code env:}/{@code file:}; a plain URL only for kind {@code webhook}); absent for e-mail
 * @param secret the signing secret of a Feishu or DingTalk bot, if it has one
 * @param minChanges a run with fewer changes worth reviewing than this sends no "changes" notification
 * @param attempts tries per run before the notification waits for the next run
 * @param backoff the wait after the first failed try, doubled after each further one
 * @param format Feishu only: {@code text} or {@code post}
 */
public record NotificationTarget(String name, Kind kind, Optional<SecretRef> url, Optional<SecretRef> secret,
    Events events, long minChanges, int attempts, Duration backoff, String format, Optional<Mail> mail) {

  /** The receivers llm-catalog speaks to. */
  public enum Kind {
    WEBHOOK, SLACK, FEISHU, DINGTALK, WECOM, EMAIL;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which syncs notify: those that changed data, those where a source failed (or was partial), or both. */
  public enum Events {
    CHANGES, FAILURES, BOTH;

    public boolean changes() {
      return this != FAILURES;
    }

    public boolean failures() {
      return this != CHANGES;
    }
  }

  /**
   * SMTP delivery. {@code security}: {@code starttls} (default, port 587), {@code ssl} (port 465) or {@code none}
   * (port 25; a local relay).
   */
  public record Mail(String host, int port, String security, Optional<String> username, Optional<SecretRef> password,
      String from, List<String> to) {
    public Mail {
      to = List.copyOf(to);
    }

    @JsonCreator
    static Mail bind(@JsonProperty("host") String host, @JsonProperty("port") Integer port,
        @JsonProperty("security") String security, @JsonProperty("username") String username,
        @JsonProperty("password") String password, @JsonProperty("from") String from,
        @JsonProperty("to") List<String> to) {
      String s = Check.orDefault(security, "starttls");
      int defaultPort = switch (s) {
        case "starttls" -> 587;
        case "ssl" -> 465;
        case "none" -> 25;
        default -> throw new ConfigInvalid("security", "security must be starttls, ssl or none, got '" + s + "'");
      };
      if (to == null || to.isEmpty()) {
        throw new ConfigInvalid("to", "to: expected a list of at least one address");
      }
      for (int i = 0; i < to.size(); i++) {
        address(to.get(i), "to/" + i);
      }
      Optional<String> user = Optional.ofNullable(username).map(u -> Check.text(u, "username"));
      Optional<SecretRef> pass = Optional.ofNullable(password).map(p -> SecretRef.parse(p, "password", false));
      if (pass.isPresent() && user.isEmpty()) {
        throw new ConfigInvalid("password", "password without username");
      }
      return new Mail(Check.text(Check.required(host, "host"), "host"),
          (int) Check.range(Check.orDefault(port, defaultPort), 1, 65_535, "port"), s, user, pass,
          address(Check.required(from, "from"), "from"), to.stream().map(String::strip).toList());
    }

    private static String address(String value, String key) {
      String a = Check.text(value, key);
      if (!a.matches("[^@\\s]+@[^@\\s]+")) {
        throw new ConfigInvalid(key, key + ": '" + a + "' is no e-mail address");
      }
      return a;
    }
  }

  /** Defaults: {@code events: both}, {@code min_changes: 1}, {@code attempts: 3}, {@code backoff_seconds: 5}. */
  @JsonCreator
  static NotificationTarget bind(@JsonProperty("name") String name, @JsonProperty("kind") String kind,
      @JsonProperty("url") String url, @JsonProperty("secret") String secret, @JsonProperty("events") String events,
      @JsonProperty("min_changes") Long minChanges, @JsonProperty("attempts") Integer attempts,
      @JsonProperty("backoff_seconds") Long backoffSeconds, @JsonProperty("format") String format,
      @JsonProperty("mail") Mail mail) {
    String id = Check.id(Check.required(name, "name"), "notification");
    Kind k = kind(Check.required(kind, "kind"));
    Optional<SecretRef> u = Optional.ofNullable(url).map(v -> SecretRef.parse(v, "url", k == Kind.WEBHOOK));
    if (k == Kind.EMAIL) {
      if (u.isPresent()) {
        throw new ConfigInvalid("url", "kind email takes a 'mail' section, not a url");
      }
      Check.required(mail, "mail");
    } else {
      Check.required(url, "url");
      if (u.get().kind() == SecretRef.Kind.LITERAL) {
        Check.url(u.get().ref(), "url");
      }
      if (mail != null) {
        throw new ConfigInvalid("mail", "a 'mail' section belongs to kind email only");
      }
    }
    if (secret != null && k != Kind.FEISHU && k != Kind.DINGTALK) {
      throw new ConfigInvalid("secret", "a signing secret is for kinds feishu and dingtalk only");
    }
    String f = Check.orDefault(format, "text");
    if (format != null && k != Kind.FEISHU) {
      throw new ConfigInvalid("format", "format is for kind feishu only");
    }
    if (!f.equals("text") && !f.equals("post")) {
      throw new ConfigInvalid("format", "format must be text or post, got '" + f + "'");
    }
    return new NotificationTarget(id, k, u, Optional.ofNullable(secret).map(s -> SecretRef.parse(s, "secret", false)),
        events(Check.orDefault(events, "both")), Check.range(Check.orDefault(minChanges, 1L), 1, Long.MAX_VALUE, "min_changes"),
        (int) Check.range(Check.orDefault(attempts, 3), 1, 10, "attempts"),
        Duration.ofSeconds(Check.seconds(Check.orDefault(backoffSeconds, 5L), 0, 3_600, "backoff_seconds")), f,
        Optional.ofNullable(mail));
  }

  private static Kind kind(String value) {
    for (Kind k : Kind.values()) {
      if (k.key().equals(value)) {
        return k;
      }
    }
    throw new ConfigInvalid("kind", "unknown kind '" + value + "' (expected webhook, slack, feishu, dingtalk, wecom or"
        + " email)");
  }

  private static Events events(String value) {
    return switch (value) {
      case "changes" -> Events.CHANGES;
      case "failures" -> Events.FAILURES;
      case "both" -> Events.BOTH;
      default -> throw new ConfigInvalid("events", "events must be changes, failures or both, got '" + value + "'");
    };
  }

  /** The kind as written in the config. */
  public String kindName() {
    return kind.key();
  }
}
