package com.taskscheduler.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The task lists as sent, JSON bytes and entity tag, reused for at most {@code maxAge}. Reading and
 * serializing every task costs milliseconds per request, and the dashboard, every open browser tab
 * and scripts poll these lists.
 *
 * <p>An entry is dropped as soon as tasks are written through this application ({@code writeCount}
 * grows: the API's edits, the scheduler's claims and Run ASAP flags), so such a write shows on the
 * very next request. Other processes (the Python tool, other servers) write to the database
 * directly; their writes show once the entry is older than {@code maxAge}.
 *
 * <p>Thread-safe; at most {@code maxEntries} lists are kept (least recently used dropped first); no
 * thread of its own: entries expire when next asked for. Concurrent misses of one list may each
 * load it; the last one stored wins, which is harmless as each entry carries the count it was
 * loaded under.
 */
final class TaskListCache {
  /** A list as sent: its JSON and a strong entity tag derived from exactly those bytes. */
  record Body(byte[] json, String etag) {}

  private record Entry(Body body, long writeCount, Instant loadedAt) {}

  private final Clock clock;
  private final Duration maxAge;
  private final LongSupplier writeCount;
  private final Map<String, Entry> entries;

  TaskListCache(Clock clock, Duration maxAge, LongSupplier writeCount, int maxEntries) {
    this.clock = clock;
    this.maxAge = maxAge;
    this.writeCount = writeCount;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The list under {@code key}: kept if still valid, else {@code load}ed now and kept. */
  Body get(String key, Supplier<byte[]> load) {
    // Both read before loading: a write or an instant after this point makes the entry older.
    long count = writeCount.getAsLong();
    Instant now = clock.instant();
    Entry entry;
    synchronized (entries) {
      entry = entries.get(key);
    }
    if (entry != null && entry.writeCount() == count && isFresh(entry, now)) {
      return entry.body();
    }
    byte[] json = load.get();
    // The same bytes keep their tag without hashing them again.
    Body body =
        entry != null && Arrays.equals(entry.body().json(), json)
            ? entry.body()
            : new Body(json, etag(json));
    synchronized (entries) {
      entries.put(key, new Entry(body, count, now));
    }
    return body;
  }

  private boolean isFresh(Entry entry, Instant now) {
    return !now.isBefore(entry.loadedAt()) && now.isBefore(entry.loadedAt().plus(maxAge));
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  static String etag(byte[] json) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
