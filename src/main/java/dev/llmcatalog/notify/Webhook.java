package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.NotificationStore;
import java.util.Arrays;

/**
 * A generic JSON webhook: the whole summary and its numbers, for a script or an automation platform. The body's
 * shape is documented in docs/notifications.md; any 2xx is success.
 */
final class Webhook implements Bot {
  @Override
  public ObjectNode body(NotificationStore.Draft m) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("run", m.runId());
    body.put("subject", m.subject());
    Arrays.stream(m.events().split(",")).forEach(body.putArray("events")::add);
    body.put("changes", m.changes());
    m.failed().forEach(body.putArray("failed_sources")::add);
    body.put("summary", m.body());
    body.put("summary_path", m.summaryPath());
    return body;
  }
}
