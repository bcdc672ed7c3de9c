package dev.llmcatalog.notify;

import java.io.IOException;

/** A notification that was not delivered, with a reason that holds no secret (it is logged and stored). */
final class DeliveryException extends IOException {
  private static final long serialVersionUID = 1L;

  DeliveryException(String message) {
    super(message);
  }
}
