package com.taskscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarScheduleTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void dayScheduleFiresLaterTodayOrTomorrow() {
    Schedule s = Schedules.parse("day", "07:45", UTC);
    assertThat(s.nextFireAfter(at("2025-10-01T07:00:00Z"))).isEqualTo(at("2025-10-01T07:45:00Z"));
    assertThat(s.nextFireAfter(at("2025-10-01T07:45:00Z"))).isEqualTo(at("2025-10-02T07:45:00Z"));
    assertThat(s.nextFireAfter(at("2025-10-01T07:44:59.999Z")))
        .isEqualTo(at("2025-10-01T07:45:00Z"));
  }

  @Test
  void firesInASpanAreCountedUpToTheStepLimit() {
    Schedule weekdays = Schedules.parse("weekday", "09:00", BERLIN);
    Instant monday = at("2025-10-06T07:00:00Z");
    // Two weeks from a Monday's fire: ten weekdays, the span's end excluded.
    assertThat(weekdays.countFires(monday, monday.plusSeconds(14 * 86400), 100)).isEqualTo(10);
    assertThat(weekdays.countFires(monday, monday.plusSeconds(14 * 86400), 4)).isEqualTo(4);
    assertThat(weekdays.countFires(monday, monday, 100)).isZero();
  }

  @Test
  void dayScheduleFollowsTheLocalWallClock() {
    Schedule s = Schedules.parse("day", "07:45", BERLIN);
    assertThat(s.nextFireAfter(at("2025-07-01T00:00:00Z"))).isEqualTo(at("2025-07-01T05:45:00Z"));
    assertThat(s.nextFireAfter(at("2025-12-01T00:00:00Z"))).isEqualTo(at("2025-12-01T06:45:00Z"));
  }

  @Test
  void weekdayScheduleSkipsTheWeekend() {
    Schedule s = Schedules.parse("weekday", "07:45", UTC);
    // 2025-10-03 is a Friday.
    List<Instant> fires = s.preview(at("2025-10-02T08:00:00Z"), 4);
    assertThat(fires)
        .containsExactly(
            at("2025-10-03T07:45:00Z"), at("2025-10-06T07:45:00Z"),
            at("2025-10-07T07:45:00Z"), at("2025-10-08T07:45:00Z"));
  }

  @Test
  void namedWeekdayFiresOncePerWeekOnThatDay() {
    Schedule s = Schedules.parse("Friday", "18:00:30", UTC);
    List<Instant> fires = s.preview(at("2025-10-03T18:00:30Z"), 3);
    assertThat(fires)
        .containsExactly(
            at("2025-10-10T18:00:30Z"), at("2025-10-17T18:00:30Z"), at("2025-10-24T18:00:30Z"));
    for (DayOfWeek day : DayOfWeek.values()) {
      Instant fire =
          Schedules.parse(day.name(), "09:00", UTC).nextFireAfter(at("2025-10-01T12:00:00Z"));
      assertThat(fire.atZone(UTC).getDayOfWeek()).isEqualTo(day);
      assertThat(fire).isBetween(at("2025-10-01T12:00:00Z"), at("2025-10-08T12:00:00Z"));
    }
  }

  @Test
  void everyDayHourFiresOnEveryLocalHour() {
    Schedule s = Schedules.parse("every_day_hour", null, ZoneId.of("Asia/Kolkata"));
    // Kolkata is UTC+05:30, so local minute 0 is UTC minute 30.
    assertThat(s.preview(at("2025-10-01T10:00:00Z"), 3))
        .containsExactly(
            at("2025-10-01T10:30:00Z"), at("2025-10-01T11:30:00Z"), at("2025-10-01T12:30:00Z"));
  }

  @Test
  void everyFourHourFiresAtTheSixFixedLocalHours() {
    Schedule s = Schedules.parse("every_4_hour", "", UTC);
    assertThat(s.preview(at("2025-10-01T01:00:00Z"), 7))
        .containsExactly(
            at("2025-10-01T04:00:00Z"),
            at("2025-10-01T08:00:00Z"),
            at("2025-10-01T12:00:00Z"),
            at("2025-10-01T16:00:00Z"),
            at("2025-10-01T20:00:00Z"),
            at("2025-10-02T00:00:00Z"),
            at("2025-10-02T04:00:00Z"));
  }

  @Test
  void cronFiresAsCronInTheZone() {
    Schedule s = Schedules.parse("cron", "0 */2 * * *", BERLIN);
    assertThat(s.preview(at("2025-07-01T00:30:00Z"), 2))
        .containsExactly(at("2025-07-01T02:00:00Z"), at("2025-07-01T04:00:00Z"));
  }

  @Test
  void sixFieldCronHasALeadingSecondsField() {
    Schedule s = Schedules.parse("cron", "*/20 0 9 * * MON-FRI", UTC);
    assertThat(s.preview(at("2025-10-03T09:00:30Z"), 3))
        .containsExactly(
            at("2025-10-03T09:00:40Z"), at("2025-10-06T09:00:00Z"), at("2025-10-06T09:00:20Z"));
  }

  @Test
  void cronWithDayOfMonthAndDayOfWeekMatchesEitherLikeUnixCron() {
    Schedule s = Schedules.parse("cron", "0 0 1 * 1", UTC);
    // 2025-02-01 is a Saturday: it matches on the day of month alone.
    assertThat(s.preview(at("2025-01-27T00:00:00Z"), 2))
        .containsExactly(at("2025-02-01T00:00:00Z"), at("2025-02-03T00:00:00Z"));
  }

  @Test
  void previewReturnsCountIncreasingInstantsAfterFrom() {
    Instant from = at("2025-10-01T12:34:56Z");
    for (Schedule s :
        List.of(
            Schedules.parse("day", "07:45", BERLIN),
            Schedules.parse("weekday", "07:45", BERLIN),
            Schedules.parse("every_day_hour", null, BERLIN),
            Schedules.parse("every_4_hour", null, BERLIN),
            Schedules.parse("cron", "*/5 * * * *", BERLIN),
            Schedules.parse("minutes", "15", BERLIN))) {
      List<Instant> fires = s.preview(from, 10);
      assertThat(fires).hasSize(10).isSorted().doesNotHaveDuplicates();
      assertThat(fires.get(0)).isAfter(from);
    }
    assertThat(Schedules.parse("day", "07:45", BERLIN).preview(from, 0)).isEmpty();
  }

  @Test
  void latestCalendarFireIsTheLastSlotNotAfterTheGivenTime() {
    Schedule s = Schedules.parse("day", "07:45", UTC);
    Instant previous = at("2025-10-01T07:45:00Z");
    assertThat(s.latestFireAtOrBefore(at("2025-10-04T08:00:00Z"), previous))
        .contains(at("2025-10-04T07:45:00Z"));
    assertThat(s.latestFireAtOrBefore(at("2025-10-04T07:45:00Z"), previous))
        .contains(at("2025-10-04T07:45:00Z"));
    assertThat(s.latestFireAtOrBefore(at("2025-10-04T07:44:59Z"), previous))
        .contains(at("2025-10-03T07:45:00Z"));
  }

  @Test
  void latestCalendarFireIsEmptyWhenNothingWasMissed() {
    Schedule s = Schedules.parse("day", "07:45", UTC);
    Instant previous = at("2025-10-01T07:45:00Z");
    assertThat(s.latestFireAtOrBefore(at("2025-10-01T07:45:00Z"), previous)).isEmpty();
    assertThat(s.latestFireAtOrBefore(at("2025-10-02T07:44:59Z"), previous)).isEmpty();
    assertThat(s.latestFireAtOrBefore(at("2025-09-01T00:00:00Z"), previous)).isEmpty();
  }

  @Test
  void perMinuteCronDownForTwoHoursCatchesUpWithTheLastWholeMinute() {
    Schedule s = Schedules.parse("cron", "* * * * *", BERLIN);
    Instant previous = at("2025-10-01T10:00:00Z");
    assertThat(s.latestFireAtOrBefore(at("2025-10-01T12:00:30.5Z"), previous))
        .contains(at("2025-10-01T12:00:00Z"));
  }

  @Test
  void latestWeekdayFireLooksBackOverTheWeekend() {
    Schedule s = Schedules.parse("weekday", "07:45", UTC);
    // Monday 2025-10-06 06:00: the last weekday slot was Friday's.
    assertThat(s.latestFireAtOrBefore(at("2025-10-06T06:00:00Z"), at("2025-10-01T00:00:00Z")))
        .contains(at("2025-10-03T07:45:00Z"));
    ZonedDateTime friday = at("2025-10-03T07:45:00Z").atZone(UTC);
    assertThat(friday.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
  }
}
