package dev.llmcatalog.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.store.NotificationStore;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * What one kind of JSON receiver wants, the rest being the same POST ({@link JsonChannel}): the body, the URL (a
 * signature may go into its query) and what in a 2xx answer counts as success.
 */
interface Bot {
  ObjectNode body(NotificationStore.Draft message);

  /** The URL to post to; by default the configured one. */
  default HttpUrl url(HttpUrl configured) {
    return configured;
  }

  /** Fails on an answer that reports an error despite its 2xx status; by default any 2xx is success. */
  default void check(JsonPost post, Optional<JsonNode> answer) throws DeliveryException {
  }
}
