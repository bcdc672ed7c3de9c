package dev.llmcatalog.fetch;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * One host's in-flight permits ({@link FetchSettings#maxConcurrentPerHost()}), taken in the order they are asked for,
 * except by a request of a chain ({@link HostSlot}) whose slot is busy: it takes a free permit at once, else the next
 * permit given back, ahead of the requests waiting, or its slot if that comes free first. This object's monitor also
 * guards the state of the host's slots.
 */
final class HostPermits {
  private final Semaphore permits;
  /** Chains' requests waiting for a permit given back, the longest waiting first. */
  private final ArrayDeque<Waiter> chains = new ArrayDeque<>();

  private static final class Waiter {
    boolean granted;
  }

  HostPermits(int max) {
    this.permits = new Semaphore(max, true);
  }

  /** Waits for a permit, behind the requests that asked before. */
  void acquire() throws InterruptedException {
    permits.acquire();
  }

  /** Gives a permit back: to the chain's request waiting longest, if any, else to the others. */
  synchronized void release() {
    Waiter next = chains.poll();
    if (next == null) {
      permits.release();
    } else {
      next.granted = true;
      notifyAll();
    }
  }

  /**
   * A turn for a request of {@code slot}'s chain: the slot when it is free; else a free permit, or the next one given
   * back ({@link HostSlot.Turn#PERMIT}, to {@link #release}), whichever of that and the slot comes first;
   * {@link HostSlot.Turn#OWN} when the slot is closed: the request then takes an ordinary turn.
   */
  synchronized HostSlot.Turn takeFor(HostSlot slot) throws InterruptedException {
    Waiter waiter = null;
    try {
      while (true) {
        if (waiter != null && waiter.granted) {
          return HostSlot.Turn.PERMIT;
        }
        HostSlot.Turn turn = slot.enter();
        if (turn != null) {
          chains.remove(waiter);
          return turn;
        }
        if (waiter == null) {
          if (permits.tryAcquire()) { // barges: the chain goes before the requests waiting
            return HostSlot.Turn.PERMIT;
          }
          waiter = new Waiter();
          chains.add(waiter);
        }
        wait();
      }
    } catch (InterruptedException e) {
      if (waiter != null && waiter.granted) {
        release(); // given to this request as it was interrupted: passed on
      } else {
        chains.remove(waiter);
      }
      throw e;
    }
  }

  /** Whether a chain's request waits (for tests). */
  synchronized boolean chainWaiting() {
    return !chains.isEmpty();
  }

  /** Whether a request waits for a permit in the ordinary order (for tests). */
  boolean othersWaiting() {
    return permits.hasQueuedThreads();
  }
}
