package dev.llmcatalog.fetch;

import java.util.Locale;
import okhttp3.Request;

/**
 * One of a host's in-flight slots ({@link FetchSettings#maxConcurrentPerHost()}) held for a chain of requests that each
 * wait for the one before, such as a list's pages: between two pages the slot is not given to the requests running
 * beside the chain (a pool of model-info requests), so the next page never queues behind them. The host's limit still
 * holds: the chain's requests go through its slot one at a time, and the others share the rest. A request of the chain
 * sent while the one before is still in flight (the next page, named in the headers of the page before:
 * {@link EarlyHeaders}) takes a free permit of the host, else the next permit any request gives back, before the
 * requests waiting, or the slot if that comes free first ({@link HostPermits}). {@link #close} gives the slot back, once
 * its request in flight, if any, has ended. Made by {@link Fetcher#holdSlot}.
 */
public final class HostSlot implements AutoCloseable {
  /** No slot: each request takes its own turn (a client without a per-host limit). */
  public static final HostSlot NONE = new HostSlot(null, null);

  /** How a request of the chain goes: through the slot, on a permit of its own, or (the slot closed) an ordinary turn. */
  enum Turn { SLOT, PERMIT, OWN }

  private final String host;
  /** The host's permits, whose monitor guards the three fields below. */
  private final HostPermits permits;
  private boolean busy;
  private boolean closed;
  private boolean released;

  /** @param permits the host's permits, one of which the caller has acquired for this slot */
  HostSlot(String host, HostPermits permits) {
    this.host = host;
    this.permits = permits;
  }

  /** {@code request} to go through this slot. */
  public Request tag(Request request) {
    return this == NONE ? request : request.newBuilder().tag(HostSlot.class, this).build();
  }

  /** Whether this slot is for {@code requestHost}'s requests. */
  boolean covers(String requestHost) {
    return permits != null && host.equals(requestHost.toLowerCase(Locale.ROOT));
  }

  /** The host's permits this slot holds one of. */
  HostPermits permits() {
    return permits;
  }

  /** A turn for one request to its host ({@link #covers}); waits while none is free. */
  Turn take() throws InterruptedException {
    return permits.takeFor(this);
  }

  /** The slot taken if free; {@link Turn#OWN} if closed; null if busy. The caller holds the permits' monitor. */
  Turn enter() {
    if (closed) {
      return Turn.OWN;
    }
    if (busy) {
      return null;
    }
    busy = true;
    return Turn.SLOT;
  }

  /** Ends the request that {@link Turn#SLOT} let in. */
  void exit() {
    synchronized (permits) {
      busy = false;
      if (closed) {
        release();
      }
      permits.notifyAll();
    }
  }

  /** Whether a request of the chain waits for a turn (for tests). */
  boolean waiting() {
    return permits.chainWaiting();
  }

  /** Whether a request outside the chain waits for a permit of the host (for tests). */
  boolean othersWaiting() {
    return permits.othersWaiting();
  }

  @Override
  public void close() {
    if (permits == null) {
      return;
    }
    synchronized (permits) {
      if (closed) {
        return;
      }
      closed = true;
      if (!busy) {
        release();
      }
      permits.notifyAll();
    }
  }

  private void release() {
    if (!released) {
      released = true;
      permits.release();
    }
  }
}
