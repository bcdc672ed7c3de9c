package dev.llmcatalog.fetch;

import java.util.Locale;
import java.util.concurrent.Semaphore;
import okhttp3.Request;

/**
 * One of a host's in-flight slots ({@link FetchSettings#maxConcurrentPerHost()}) held for a chain of requests that each
 * wait for the one before, such as a list's pages: between two pages the slot is not given to the requests running
 * beside the chain (a pool of model-info requests), so the next page never queues behind them. The host's limit still
 * holds: the chain's requests go through its slot one at a time, and the others share the rest. {@link #close} gives
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

  /**
   * Takes the slot for one request to {@code requestHost}, waiting while another request of the chain is in flight;
   * false (nothing taken) when the slot is for another host or closed: the request then takes its own turn.
   */
  boolean enter(String requestHost) throws InterruptedException {
    if (hostPermits == null || !host.equals(requestHost.toLowerCase(Locale.ROOT))) {
      return false;
    }
    turn.acquire();
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
