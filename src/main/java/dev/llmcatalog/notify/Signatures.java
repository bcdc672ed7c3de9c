package dev.llmcatalog.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures of the chat bots that take a signing secret, as their documentation defines them (see
 * docs/notifications.md for the pages and SDK code read).
 */
final class Signatures {
  private Signatures() {}

  /**
   * Feishu/Lark custom bot: Base64 of HmacSHA256 keyed with {@code timestamp + "\n" + secret} over an empty message
   * ({@code timestamp} in seconds). Sent in the body beside {@code timestamp}.
   */
  static String feishu(long timestampSeconds, String secret) {
    return base64Hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  /**
   * DingTalk custom robot: Base64 of HmacSHA256 keyed with {@code secret} over {@code timestamp + "\n" + secret}
   * ({@code timestamp} in milliseconds). Sent URL-encoded as the query parameter {@code sign}.
   */
  static String dingTalk(long timestampMillis, String secret) {
    return base64Hmac(secret.getBytes(StandardCharsets.UTF_8),
        (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static String base64Hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
