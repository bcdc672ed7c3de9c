package dev.llmcatalog.daemon;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The jobs running now and their threads, so that a stop can wait for them and, past its timeout, interrupt them. */
final class RunningJobs {
  private final Map<String, Thread> threads = new LinkedHashMap<>();
  private boolean closed;

  /** Registers the calling thread as running {@code name}; false once a stop began (the job must not start). */
  synchronized boolean enter(String name) {
    if (closed) {
      return false;
    }
    threads.put(name, Thread.currentThread());
    return true;
  }

  synchronized void exit(String name) {
    threads.remove(name);
    notifyAll();
  }

  /** No job starts after this. */
  synchronized void close() {
    closed = true;
  }

  synchronized List<String> names() {
    return List.copyOf(threads.keySet());
  }

  /** Waits until no job runs; false when {@code timeout} passed first (or this thread was interrupted). */
  synchronized boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!threads.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  synchronized void interruptAll() {
    threads.values().forEach(Thread::interrupt);
  }
}
