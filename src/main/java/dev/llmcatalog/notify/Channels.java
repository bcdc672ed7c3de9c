package dev.llmcatalog.notify;

import dev.llmcatalog.config.Environment;
import dev.llmcatalog.config.NotificationTarget;
import dev.llmcatalog.config.SecretRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Builds a target's {@link Channel}, reading its secrets now; a secret that cannot be read fails this delivery. */
final class Channels {
  private Channels() {}

  static Channel create(NotificationTarget target, Environment env, OkHttpClient http, Clock clock)
      throws DeliveryException {
    Optional<String> secret = resolve(target.secret(), "secret", env);
    if (target.kind() == NotificationTarget.Kind.EMAIL) {
      NotificationTarget.Mail mail = target.mail().orElseThrow();
      Optional<String> password = resolve(mail.password(), "password", env);
      List<String> secrets = new ArrayList<>();
      password.ifPresent(secrets::add);
      return new MailChannel(mail, password, new Redactor(secrets), clock);
    }
    String value = resolve(target.url(), "url", env).orElseThrow();
    HttpUrl url = HttpUrl.parse(value);
    if (url == null) {
      throw new DeliveryException("url (" + target.url().orElseThrow() + ") is not an http(s) URL");
    }
    List<String> secrets = new ArrayList<>();
    secret.ifPresent(secrets::add);
    JsonPost post = new JsonPost(http, Redactor.of(url, secrets));
    Bot bot = switch (target.kind()) {
      case WEBHOOK -> new Webhook();
      case SLACK -> new Slack();
      case FEISHU -> new Feishu(secret, target.format().equals("post"), clock);
      case DINGTALK -> new DingTalk(secret, clock);
      case WECOM -> new WeCom();
      case EMAIL -> throw new IllegalStateException("handled above");
    };
    return new JsonChannel(post, url, bot);
  }

  private static Optional<String> resolve(Optional<SecretRef> ref, String key, Environment env)
      throws DeliveryException {
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder why = new StringBuilder();
    Optional<String> value = ref.get().resolve(env, why);
    if (value.isEmpty()) {
      throw new DeliveryException(key + ": " + why);
    }
    return value;
  }
}
