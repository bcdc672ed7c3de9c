package dev.llmcatalog.notify;

import dev.llmcatalog.store.NotificationStore;

/** One configured target, its secrets resolved: sends a notification or says why it could not. */
interface Channel {
  /** Where it goes, for logs: the target's host (a bot's URL path and query hold its token). */
  String host();

  void send(NotificationStore.Draft message) throws DeliveryException;
}
