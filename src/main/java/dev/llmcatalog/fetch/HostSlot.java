package dev.llmcatalog.fetch;

import java.util.Locale;
import java.util.concurrent.Semaphore;
import okhttp3.Request;

/**
 * One of a host's in-flight slots ({@link FetchSettings#maxConcurrentPerHost()}) held for a chain of requests that each
 * wait for the one before, such as a list's pages: between two pages the slot is not given to the requests running
 * beside the chain (a pool of model-info requests), so the next page never queues behind them. The host's limit still
 * holds: the chain's requests go through its slot one at a time, and the others share the rest; a request of the chain
 * sent while the one before still reads its body (its next page, named in its headers: {@link EarlyHeaders}) takes a
 * free permit of the host if one is free, else waits for the slot. {@link #close} gives
 * the slot back, once its request in flight, if any, has ended. Made by {@link Fetcher#holdSlot}.
 */
public final class HostSlot implements AutoCloseable {
  /** No slot: each request takes its own turn (a client without a per-host limit). */
  public static final HostSlot NONE = new HostSlot(null, null);

  private final String host;
  private final Semaphore hostPermits;
  private final Semaphore turn = new Semaphore(1);
  private boolean busy;
  private boolean closed;
  private boolean released;

  /** @param hostPermits the host's permits, one of which the caller has acquired for this slot */
  HostSlot(String host, Semaphore hostPermits) {
    this.host = host;
    this.hostPermits = hostPermits;
  }

  /** {@code request} to go through this slot. */
  public Request tag(Request request) {
    return this == NONE ? request : request.newBuilder().tag(HostSlot.class, this).build();
  }

  /** Whether this slot is for {@code requestHost}'s requests. */
  boolean covers(String requestHost) {
    return hostPermits != null && host.equals(requestHost.toLowerCase(Locale.ROOT));
  }

  /**
   * Takes the slot for one request to its host ({@link #covers}), waiting while another request of the chain is in
   * flight if {@code wait}; false (nothing taken) when it did not wait, or when the slot is closed: the request then
   * takes a turn of its own.
   */
  boolean enter(boolean wait) throws InterruptedException {
    if (wait) {
      turn.acquire();
    } else if (!turn.tryAcquire()) {
      return false;
    }
    synchronized (this) {
      if (!closed) {
        busy = true;
        return true;
      }
    }
    turn.release();
    return false;
  }

  /** Ends the request that {@link #enter} let in. */
  void exit() {
    synchronized (this) {
      busy = false;
      if (closed) {
        release();
      }
    }
    turn.release();
  }

  /** Whether a request of the chain waits for the one in flight (for tests). */
  boolean waiting() {
    return turn.hasQueuedThreads();
  }

  @Override
  public synchronized void close() {
    if (hostPermits == null || closed) {
      return;
    }
    closed = true;
    if (!busy) {
      release();
    }
  }

  private void release() {
    if (!released) {
      released = true;
      hostPermits.release();
    }
  }
}
