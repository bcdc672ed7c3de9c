package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.NotificationStore;
import java.util.Optional;

/**
 * A Slack incoming webhook, or any service that takes its body ({@code {"text": ...}}: Mattermost, Rocket.Chat).
 * Slack answers 200 {@code ok}, and an error status otherwise; it truncates a text past 40,000 characters, so a
 * longer summary is cut here first, with a pointer to the file.
 */
final class Slack implements Bot {
  static final int MAX_BYTES = 40_000;

  @Override
  public ObjectNode body(NotificationStore.Draft m) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("text", Cut.toBytes(m.subject() + "\n\n" + m.body(), MAX_BYTES, Optional.ofNullable(m.summaryPath())));
    return body;
  }
}
