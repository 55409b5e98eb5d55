package com.taskscheduler.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Counts failed logins per client: at most {@code limit} within a sliding {@code window}. */
final class LoginThrottle {
  /** Beyond this many tracked clients, the ones without recent failures are forgotten. */
  private static final int PRUNE_AT = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  LoginThrottle(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Zero when {@code client} may try; otherwise how long it must wait. */
  synchronized Duration retryAfter(String client) {
    Instant now = clock.instant();
    Deque<Instant> times = failures.get(client);
    if (times == null) {
      return Duration.ZERO;
    }
    expire(times, now);
    if (times.isEmpty()) {
      failures.remove(client);
      return Duration.ZERO;
    }
    if (times.size() < limit) {
      return Duration.ZERO;
    }
    return Duration.between(now, times.peekFirst().plus(window));
  }

  synchronized void failed(String client) {
    Instant now = clock.instant();
    if (failures.size() >= PRUNE_AT) {
      failures.values().forEach(times -> expire(times, now));
      failures.values().removeIf(Deque::isEmpty);
    }
    Deque<Instant> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
    times.addLast(now);
    while (times.size() > limit) {
      times.removeFirst();
    }
  }

  private void expire(Deque<Instant> times, Instant now) {
    Instant cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }
}
