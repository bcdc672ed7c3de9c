package dev.llmcatalog.notify;

import dev.llmcatalog.config.Environment;
import dev.llmcatalog.config.NotificationTarget;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.fetch.Time;
import dev.llmcatalog.store.NotificationStore;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outcome of a sync to the configured targets. Each notification is first recorded in the outbox, then
 * sent with the target's retries; one that still fails stays there and is sent by the next run, oldest first.
 * Nothing here fails the sync: every problem is logged (with the target's name and host, never its URL or secrets)
 * and recorded.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  /**
   * Longer than one try takes: a webhook's call times out after 60 s, a mail's SMTP exchange (some ten steps, each
   * timing out after 30 s) in a few minutes at worst.
   */
  static final Duration TRY_LIMIT = Duration.ofMinutes(6);
  private final List<NotificationTarget> targets;
  private final Environment env;
  private final Clock clock;
  private final Time time;
  private final String userAgent;
  private OkHttpClient http;

  /** @param time waits between tries (a fake one in tests) */
  public Notifier(List<NotificationTarget> targets, Environment env, Clock clock, Time time, String userAgent) {
    this.targets = List.copyOf(targets);
    this.env = env;
    this.clock = clock;
    this.time = time;
    this.userAgent = userAgent;
  }

  /** Records the notifications {@code outcome} calls for, then delivers every unsent one. Never throws. */
  public void afterSync(NotificationStore store, Outcome outcome) {
    if (targets.isEmpty()) {
      return;
    }
    try {
      record(store, outcome);
      deliver(store);
    } catch (RuntimeException e) { // the database, most likely; the sync's result stands
      log.warn("notifications: {}", e.getMessage());
      log.debug("notifications failure", e);
    }
  }

  private void record(NotificationStore store, Outcome outcome) {
    for (NotificationTarget t : targets) {
      List<String> events = events(t, outcome);
      if (events.isEmpty()) {
        log.debug("notify {}: run {} is not for it (events {}, min_changes {})", t.name(), outcome.runId(), t.events(),
            t.minChanges());
        continue;
      }
      store.enqueue(new NotificationStore.Draft(outcome.runId(), t.name(), String.join(",", events), outcome.changes(),
          outcome.failed(), outcome.subject(), outcome.text(), outcome.summaryPath().orElse(null)));
    }
  }

  /** The events of {@code outcome} that {@code target} asked for; empty: it is not notified. */
  static List<String> events(NotificationTarget target, Outcome outcome) {
    List<String> events = new ArrayList<>();
    if (target.events().changes() && outcome.changes() > 0 && outcome.changes() >= target.minChanges()) {
      events.add("changes");
    }
    if (target.events().failures() && !outcome.failed().isEmpty()) {
      events.add("failures");
    }
    return events;
  }

  private void deliver(NotificationStore store) {
    Map<String, NotificationTarget> byName = new HashMap<>();
    targets.forEach(t -> byName.put(t.name(), t));
    Map<String, Channel> channels = new HashMap<>();
    Set<String> down = new HashSet<>();
    for (NotificationStore.Unsent u : store.loadUnsent()) {
      NotificationTarget target = byName.get(u.draft().target());
      if (target == null) {
        log.debug("notification {}: target '{}' is no longer configured; kept", u.id(), u.draft().target());
        continue;
      }
      if (down.contains(target.name())) {
        continue; // its earlier notification just failed every try: the next run tries again, in order
      }
      if (!store.claim(u.id(), lease(target))) {
        log.debug("notification {}: another run is sending it", u.id());
        continue;
      }
      Channel channel = channels.get(target.name());
      String host = "?";
      try {
        if (channel == null) {
          channel = Channels.create(target, env, http(), clock);
          channels.put(target.name(), channel);
        }
        host = channel.host();
        int tries = send(store, u, target, channel);
        store.markSent(u.id());
        log.info("notify {}: sent the notification of run {} to {} ({}){}", target.name(), u.draft().runId(),
            target.kindName(), host, tries > 1 ? " after " + tries + " tries" : "");
      } catch (DeliveryException e) {
        down.add(target.name());
        log.warn("notify {}: the notification of run {} to {} ({}) failed: {}; kept, tried again after the next sync",
            target.name(), u.draft().runId(), target.kindName(), host, e.getMessage());
        if (channel == null) {
          store.markFailed(u.id(), e.getMessage());
        }
        store.release(u.id());
      }
    }
  }

  /**
   * How long a run may hold a notification to {@code target}: each try within {@link #TRY_LIMIT} and the waits
   * between them, with a minute to spare. Past it, another run may take the notification (this one is taken to have
   * died).
   */
  static Duration lease(NotificationTarget target) {
    Duration waits = target.backoff().multipliedBy((1L << (target.attempts() - 1)) - 1);
    return TRY_LIMIT.multipliedBy(target.attempts()).plus(waits).plusMinutes(1);
  }

  /** Tries up to the target's attempts, waiting its backoff, doubled after each failure; returns the tries it took. */
  private int send(NotificationStore store, NotificationStore.Unsent u, NotificationTarget target, Channel channel)
      throws DeliveryException {
    Duration wait = target.backoff();
    for (int attempt = 1; ; attempt++) {
      try {
        channel.send(u.draft());
        return attempt;
      } catch (DeliveryException e) {
        store.markFailed(u.id(), e.getMessage());
        if (attempt >= target.attempts()) {
          throw e;
        }
        log.info("notify {}: try {} of {} failed: {}; next in {} s", target.name(), attempt, target.attempts(),
            e.getMessage(), wait.toSeconds());
        try {
          time.sleep(wait);
        } catch (InterruptedIOException stop) {
          throw new DeliveryException("interrupted after try " + attempt + ": " + e.getMessage());
        }
        wait = wait.multipliedBy(2);
      }
    }
  }

  private synchronized OkHttpClient http() {
    if (http == null) {
      http = HttpClients.notifications(userAgent, env.httpsProxy());
    }
    return http;
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
