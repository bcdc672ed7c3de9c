package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.fetch.FetchSettings.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FetchSettingsTest {
  private final FetchSettings defaults = FetchSettings.defaults();

  @Test
  void theDefaultsAreTheOnesTheReadmeLists() {
    assertThat(defaults.userAgent()).startsWith("llm-catalog/").endsWith(" (+https://github.com/llm-catalog/llm-catalog)");
    assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.callTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.maxBodyBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(defaults.maxAttempts()).isEqualTo(4);
    assertThat(defaults.backoffBase()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.backoffCeiling()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxRetryWait()).isEqualTo(Duration.ofSeconds(120));
    assertThat(defaults.maxConcurrentPerHost()).isEqualTo(4);
    assertThat(defaults.sourceDeadline()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.rateLimitFor("HuggingFace.co")).isEqualTo(new RateLimit(450, Duration.ofSeconds(300), 25));
    assertThat(defaults.rateLimitFor("datasets-server.huggingface.co")).isEqualTo(new RateLimit(60, Duration.ofSeconds(60), 10));
    assertThat(defaults.rateLimitFor("localhost").unlimited()).isTrue();
    assertThat(defaults.rateLimitFor("127.0.0.1").unlimited()).isTrue();
  }

  @Test
  void theHubLimitStaysUnderTheAnonymousQuotaInAnyFiveMinutes() {
    RateLimit hub = FetchSettings.HUB_RATE_LIMIT;
    double mostInAWindow = hub.burst() + hub.permits() * (300.0 / hub.per().toSeconds());
    assertThat(mostInAWindow).isLessThan(500);
  }

  @Test
  void plainMeansOneAttemptAndNoRateLimit() {
    FetchSettings plain = FetchSettings.plain();
    assertThat(plain.maxAttempts()).isEqualTo(1);
    assertThat(plain.rateLimitFor("huggingface.co").unlimited()).isTrue();
    assertThat(plain.maxBodyBytes()).isEqualTo(defaults.maxBodyBytes());
  }

  @Test
  void withersChangeOneSetting() {
    FetchSettings changed = defaults.withHostRateLimit("HF-Mirror.com", FetchSettings.HUB_RATE_LIMIT).withMaxAttempts(2)
        .withContactUrl("https://example.org/contact");
    assertThat(changed.rateLimitFor("hf-mirror.com")).isEqualTo(FetchSettings.HUB_RATE_LIMIT);
    assertThat(changed.maxAttempts()).isEqualTo(2);
    assertThat(changed.userAgent()).endsWith(" (+https://example.org/contact)");
    assertThat(changed.withMaxAttempts(4).withContactUrl(FetchSettings.DEFAULT_CONTACT_URL)
        .withoutHostRateLimits()).isEqualTo(defaults.withoutHostRateLimits());
  }

  @Test
  void nonsenseIsRejectedNamingTheSetting() {
    assertThatThrownBy(() -> defaults.withMaxAttempts(0)).hasMessage("maxAttempts must be at least 1: 0");
    assertThatThrownBy(() -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessage("connectTimeout must be positive: PT0S");
    assertThatThrownBy(() -> defaults.withMaxConcurrentPerHost(0)).hasMessageStartingWith("maxConcurrentPerHost");
    assertThatThrownBy(() -> defaults.withMaxRetryWait(Duration.ofSeconds(10)))
        .hasMessage("backoffCeiling PT30S exceeds maxRetryWait PT10S");
    assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1), 1)).hasMessageStartingWith("a rate limit needs");
    assertThatThrownBy(() -> new Deadline("hub", FakeTime.START, Duration.ZERO))
        .hasMessage("deadline budget for hub must be positive: PT0S");
  }
}
