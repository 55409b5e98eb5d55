package com.taskscheduler.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One parsed task schedule (the legacy {@code Every} + {@code AtTime} columns), bound to the zone
 * whose wall clock it follows. Immutable and thread-safe; obtain one from {@link
 * Schedules#parse(String, String, ZoneId)}.
 *
 * <p>Calendar schedules (day, weekday, weekday names, every_day_hour, every_4_hour, cron) name
 * local wall-clock slots. A slot that falls in a daylight-saving gap fires once, at the instant the
 * gap ends; a slot that occurs twice fires once, at its first occurrence. Interval schedules
 * (seconds, minutes, hours) ignore the wall clock and count real time from a given anchor.
 */
public sealed interface Schedule permits IntervalSchedule, CalendarSchedule {

  /**
   * The first fire time strictly after {@code after}. Interval schedules are anchored on {@code
   * after} itself, so pass the task's previous fire time to keep the cadence across restarts.
   */
  Instant nextFireAfter(Instant after);

  /**
   * The most recent fire time that is {@code > previousFire} and {@code <= t}, for catching up
   * after downtime; empty if the series has no such fire. Interval schedules count {@code
   * previousFire + k * N} for the largest {@code k >= 1} that does not pass {@code t}.
   */
  Optional<Instant> latestFireAtOrBefore(Instant t, Instant previousFire);

  /**
   * The next {@code count} fire times as the scheduler will take them, seen at {@code now} for a
   * task whose previous fire was {@code previousFire} (null if it never fired): an interval task
   * that never fired fires at once (the engine anchors its cadence there), one that did counts from
   * its previous fire; calendar schedules follow the calendar.
   */
  default List<Instant> upcoming(Instant previousFire, Instant now, int count) {
    if (!isInterval() || count == 0) {
      return preview(now, count);
    }
    if (previousFire == null) {
      List<Instant> fires = new ArrayList<>(count);
      fires.add(now);
      fires.addAll(preview(now, count - 1));
      return List.copyOf(fires);
    }
    Instant anchor =
        previousFire.isBefore(now)
            ? latestFireAtOrBefore(now, previousFire).orElse(previousFire)
            : previousFire;
    return preview(anchor, count);
  }

  /**
   * How many fire times lie in {@code [from, until)}, {@code from} being one. Calendar schedules
   * step through them and stop counting at {@code stepLimit}; interval schedules are exact.
   */
  default long countFires(Instant from, Instant until, long stepLimit) {
    long count = 0;
    for (Instant fire = from;
        fire.isBefore(until) && count < stepLimit;
        fire = nextFireAfter(fire)) {
      count++;
    }
    return count;
  }

  /**
   * The next {@code count} fire times after {@code from}, increasing (intervals anchored at {@code
   * from}).
   */
  default List<Instant> preview(Instant from, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    List<Instant> fires = new ArrayList<>(count);
    Instant fire = from;
    for (int i = 0; i < count; i++) {
      fire = nextFireAfter(fire);
      fires.add(fire);
    }
    return List.copyOf(fires);
  }

  /** True for seconds / minutes / hours schedules, whose fires are counted in real time. */
  boolean isInterval();

  /**
   * Short human text, e.g. "every weekday at 07:45", "every 15 minutes", "cron 0 *&#47;2 * * *".
   */
  String describe();

  /** The zone whose wall clock calendar schedules follow. */
  ZoneId zone();
}
