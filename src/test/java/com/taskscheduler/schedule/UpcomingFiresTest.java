package com.taskscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The fire times a task will really see, as the preview shows them. */
class UpcomingFiresTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2025-06-02T10:00:30Z");

  @Test
  void anIntervalTaskThatNeverFiredFiresAtOnceAndThenEveryInterval() {
    Schedule every15 = Schedules.parse("minutes", "15", BERLIN);
    assertThat(every15.upcoming(null, NOW, 3))
        .containsExactly(NOW, NOW.plusSeconds(900), NOW.plusSeconds(1800));
  }

  @Test
  void anIntervalTaskCountsFromItsPreviousFire() {
    Schedule every15 = Schedules.parse("minutes", "15", BERLIN);
    Instant previous = Instant.parse("2025-06-02T09:20:00Z");
    // 09:20, 09:35, 09:50 have passed; the cadence continues at 10:05.
    assertThat(every15.upcoming(previous, NOW, 2))
        .containsExactly(
            Instant.parse("2025-06-02T10:05:00Z"), Instant.parse("2025-06-02T10:20:00Z"));
  }

  @Test
  void aCalendarTaskFollowsTheCalendarWhateverItsPreviousFire() {
    Schedule daily = Schedules.parse("day", "12:00", BERLIN);
    // 12:00 in Berlin (10:00Z) passed thirty seconds ago: the next is tomorrow's.
    assertThat(daily.upcoming(null, NOW, 2))
        .containsExactly(
            Instant.parse("2025-06-03T10:00:00Z"), Instant.parse("2025-06-04T10:00:00Z"))
        .isEqualTo(daily.upcoming(Instant.parse("2025-06-01T10:00:00Z"), NOW, 2));
  }
}
