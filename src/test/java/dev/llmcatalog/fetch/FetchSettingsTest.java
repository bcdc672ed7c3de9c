package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.fetch.FetchSettings.RateLimit;
import dev.llmcatalog.testsupport.FakeTime;
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
  void theBuilderChangesOnlyWhatItIsTold() {
    FetchSettings changed = defaults.toBuilder().hostRateLimit("HF-Mirror.com", FetchSettings.HUB_RATE_LIMIT)
        .maxAttempts(2).contactUrl("https://example.org/contact").build();
    assertThat(changed.rateLimitFor("hf-mirror.com")).isEqualTo(FetchSettings.HUB_RATE_LIMIT);
    assertThat(changed.maxAttempts()).isEqualTo(2);
    assertThat(changed.userAgent()).endsWith(" (+https://example.org/contact)");
    assertThat(changed.toBuilder().maxAttempts(4).contactUrl(FetchSettings.DEFAULT_CONTACT_URL).clearHostRateLimits()
        .build()).isEqualTo(defaults.toBuilder().clearHostRateLimits().build());
    assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
  }

  @Test
  void aHostGivenTwiceInAnyCaseKeepsTheLastLimit() {
    RateLimit slow = new RateLimit(1, Duration.ofSeconds(1), 1);
    FetchSettings settings = defaults.toBuilder().hostRateLimit("HuggingFace.co", slow).build();
    assertThat(settings.rateLimitFor("huggingface.co")).isEqualTo(slow);
  }

  @Test
  void settingsAreCheckedTogetherWhenBuilt() {
    // A ceiling above the current maxRetryWait is fine once the wait is raised in the same build.
    FetchSettings patient = defaults.toBuilder().backoffCeiling(Duration.ofMinutes(5)).maxRetryWait(Duration.ofMinutes(5)).build();
    assertThat(patient.backoffCeiling()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void nonsenseIsRejectedNamingTheSetting() {
    assertThatThrownBy(() -> defaults.toBuilder().maxAttempts(0).build()).hasMessage("maxAttempts must be at least 1: 0");
    assertThatThrownBy(() -> defaults.toBuilder().connectTimeout(Duration.ZERO).build())
        .hasMessage("connectTimeout must be positive: PT0S");
    assertThatThrownBy(() -> defaults.toBuilder().maxConcurrentPerHost(0).build()).hasMessageStartingWith("maxConcurrentPerHost");
    assertThatThrownBy(() -> defaults.toBuilder().maxRetryWait(Duration.ofSeconds(10)).build())
        .hasMessage("backoffCeiling PT30S exceeds maxRetryWait PT10S");
    assertThatThrownBy(() -> defaults.toBuilder().hostRateLimit(null, RateLimit.UNLIMITED)).hasMessage("host == null");
    assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1), 1)).hasMessageStartingWith("a rate limit needs");
    assertThatThrownBy(() -> new Deadline("hub", FakeTime.START, Duration.ZERO))
        .hasMessage("deadline budget for hub must be positive: PT0S");
  }
}
