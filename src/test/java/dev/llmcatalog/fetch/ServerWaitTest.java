package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.FakeTime;
import java.time.Duration;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Reading the waits servers ask for: Retry-After in both forms, and the Hub's RateLimit header. */
class ServerWaitTest {
  private static Response answer(String... headers) {
    Response.Builder builder = new Response.Builder().request(new Request.Builder().url("https://huggingface.co/api/models").build())
        .protocol(Protocol.HTTP_1_1).code(429).message("Too Many Requests");
    for (int i = 0; i < headers.length; i += 2) {
      builder.addHeader(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  @Test
  void retryAfterInSecondsOrAsAnHttpDate() {
    assertThat(ServerWait.retryAfter(answer("Retry-After", " 12 "), FakeTime.START)).hasValue(Duration.ofSeconds(12));
    assertThat(ServerWait.retryAfter(answer("Retry-After", "Thu, 26 Nov 2026 10:01:00 GMT"), FakeTime.START))
        .hasValue(Duration.ofMinutes(1));
    assertThat(ServerWait.retryAfter(answer("Retry-After", "Thu, 26 Nov 2026 09:00:00 GMT"), FakeTime.START))
        .as("a date in the past").hasValue(Duration.ZERO);
    assertThat(ServerWait.retryAfter(answer("Retry-After", "soon"), FakeTime.START)).isEmpty();
    assertThat(ServerWait.retryAfter(answer(), FakeTime.START)).isEmpty();
  }

  @Test
  void theHubsRateLimitCountsOnlyWhenNoRequestsRemain() {
    assertThat(ServerWait.rateLimitReset(answer("RateLimit", "\"api\";r=0;t=7"))).hasValue(Duration.ofSeconds(7));
    assertThat(ServerWait.rateLimitReset(answer("RateLimit", "\"api\";r=12;t=7"))).isEmpty();
    assertThat(ServerWait.rateLimitReset(answer("RateLimit", "\"api\";r=3;t=100, \"resolvers\";r=0;t=42")))
        .hasValue(Duration.ofSeconds(42));
    assertThat(ServerWait.rateLimitReset(answer("RateLimit", "\"api\"; r=0; t=9"))).hasValue(Duration.ofSeconds(9));
    assertThat(ServerWait.rateLimitReset(answer("RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300"))).isEmpty();
  }
}
