package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The short-lived copy of the task lists, driven by a hand-moved clock and write count. */
class TaskListCacheTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final AtomicLong writes = new AtomicLong();
  private final TaskListCache cache =
      new TaskListCache(clock, Duration.ofSeconds(1), writes::get, 3);
  private final AtomicInteger loads = new AtomicInteger();
  private String content = "[1]";

  private final Supplier<byte[]> load =
      () -> {
        loads.incrementAndGet();
        return content.getBytes(StandardCharsets.UTF_8);
      };

  @Test
  void aListIsLoadedOnceWithinItsMaxAge() {
    TaskListCache.Body first = cache.get("tasks", load);
    clock.advance(Duration.ofMillis(999));
    assertThat(cache.get("tasks", load)).isSameAs(first);
    assertThat(loads).hasValue(1);
  }

  @Test
  void aListIsLoadedAgainOnceItIsAsOldAsItsMaxAge() {
    cache.get("tasks", load);
    content = "[2]";
    clock.advance(Duration.ofSeconds(1));
    assertThat(new String(cache.get("tasks", load).json(), StandardCharsets.UTF_8))
        .isEqualTo("[2]");
    assertThat(loads).hasValue(2);
  }

  @Test
  void aWriteThroughTheApplicationDropsTheListAtOnce() {
    cache.get("tasks", load);
    content = "[2]";
    writes.incrementAndGet();
    assertThat(new String(cache.get("tasks", load).json(), StandardCharsets.UTF_8))
        .isEqualTo("[2]");
    assertThat(loads).hasValue(2);
  }

  @Test
  void aClockSetBackDoesNotKeepAListAlive() {
    cache.get("tasks", load);
    clock.advance(Duration.ofSeconds(-5));
    cache.get("tasks", load);
    assertThat(loads).hasValue(2);
  }

  @Test
  void theEntityTagFollowsTheBytesOnly() {
    String tag = cache.get("tasks", load).etag();
    clock.advance(Duration.ofSeconds(5));
    assertThat(cache.get("tasks", load).etag()).as("reloaded, same bytes").isEqualTo(tag);
    writes.incrementAndGet();
    content = "[2]";
    String changed = cache.get("tasks", load).etag();
    assertThat(changed).isNotEqualTo(tag);
    assertThat(cache.get("all", load).etag()).as("same bytes under another key").isEqualTo(changed);
    assertThat(loads).hasValue(4);
  }

  @Test
  void atMostTheGivenNumberOfListsIsKeptTheLeastRecentlyUsedGoingFirst() {
    cache.get("a", load);
    cache.get("b", load);
    cache.get("c", load);
    cache.get("a", load);
    cache.get("d", load);
    assertThat(cache.size()).isEqualTo(3);
    assertThat(loads).hasValue(4);
    cache.get("a", load);
    assertThat(loads).as("a was used recently and kept").hasValue(4);
    cache.get("b", load);
    assertThat(loads).as("b was the least recently used and dropped").hasValue(5);
  }
}
