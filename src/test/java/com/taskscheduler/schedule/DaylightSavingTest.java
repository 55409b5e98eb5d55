package com.taskscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Europe/Berlin: 2025-03-30 02:00 CET → 03:00 CEST at 01:00Z; 2025-10-26 03:00 CEST → 02:00 CET at
 * 01:00Z. America/New_York: 2025-03-09 02:00 EST → 03:00 EDT at 07:00Z; 2025-11-02 02:00 EDT →
 * 01:00 EST at 06:00Z.
 */
class DaylightSavingTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Nested
  class Berlin {

    @Test
    void dayTimeInTheSpringGapFiresOnceWhenTheGapEnds() {
      Schedule s = Schedules.parse("day", "02:30", BERLIN);
      assertThat(s.preview(at("2025-03-29T12:00:00Z"), 2))
          .containsExactly(at("2025-03-30T01:00:00Z"), at("2025-03-31T00:30:00Z"));
    }

    @Test
    void dayTimeInTheFallOverlapFiresOnceAtTheFirstOccurrence() {
      Schedule s = Schedules.parse("day", "02:30", BERLIN);
      assertThat(s.preview(at("2025-10-25T12:00:00Z"), 2))
          .containsExactly(at("2025-10-26T00:30:00Z"), at("2025-10-27T01:30:00Z"));
    }

    @Test
    void dayScheduleAskedDuringTheSecondPassOfTheOverlapWaitsForTomorrow() {
      Schedule s = Schedules.parse("day", "02:30", BERLIN);
      // 01:15Z is 02:15 CET, the second 02:15 of the day: today's 02:30 already fired.
      assertThat(s.nextFireAfter(at("2025-10-26T01:15:00Z"))).isEqualTo(at("2025-10-27T01:30:00Z"));
      assertThat(s.nextFireAfter(at("2025-10-26T00:15:00Z"))).isEqualTo(at("2025-10-26T00:30:00Z"));
    }

    @Test
    void sundayTimeInTheSpringGapFiresOnceWhenTheGapEnds() {
      Schedule s = Schedules.parse("sunday", "02:15", BERLIN);
      assertThat(s.preview(at("2025-03-29T12:00:00Z"), 2))
          .containsExactly(at("2025-03-30T01:00:00Z"), at("2025-04-06T00:15:00Z"));
    }

    @Test
    void weekdayScheduleKeepsItsLocalTimeAcrossTheTransitionWeekends() {
      Schedule s = Schedules.parse("weekday", "07:45", BERLIN);
      assertThat(s.nextFireAfter(at("2025-03-28T06:45:00Z"))).isEqualTo(at("2025-03-31T05:45:00Z"));
      assertThat(s.nextFireAfter(at("2025-10-24T05:45:00Z"))).isEqualTo(at("2025-10-27T06:45:00Z"));
    }

    @Test
    void everyDayHourFiresOnceForTheMissingHour() {
      Schedule s = Schedules.parse("every_day_hour", null, BERLIN);
      // Local 02:00 does not exist; it and 03:00 both map to 01:00Z, which fires once.
      assertThat(s.preview(at("2025-03-29T23:30:00Z"), 3))
          .containsExactly(
              at("2025-03-30T00:00:00Z"), at("2025-03-30T01:00:00Z"), at("2025-03-30T02:00:00Z"));
    }

    @Test
    void everyDayHourFiresOnceForTheRepeatedHour() {
      Schedule s = Schedules.parse("every_day_hour", null, BERLIN);
      assertThat(s.preview(at("2025-10-25T22:30:00Z"), 4))
          .containsExactly(
              at("2025-10-25T23:00:00Z"), at("2025-10-26T00:00:00Z"),
              at("2025-10-26T02:00:00Z"), at("2025-10-26T03:00:00Z"));
    }

    @Test
    void everyFourHourStaysOnTheLocalClock() {
      Schedule s = Schedules.parse("every_4_hour", null, BERLIN);
      assertThat(s.preview(at("2025-03-29T22:00:00Z"), 3))
          .containsExactly(
              at("2025-03-29T23:00:00Z"), at("2025-03-30T02:00:00Z"), at("2025-03-30T06:00:00Z"));
      assertThat(s.preview(at("2025-10-25T21:00:00Z"), 3))
          .containsExactly(
              at("2025-10-25T22:00:00Z"), at("2025-10-26T03:00:00Z"), at("2025-10-26T07:00:00Z"));
    }

    @Test
    void cronDailyInTheGapFiresOnceOnTheGapDay() {
      // cron-utils on its own skips this day entirely.
      Schedule s = Schedules.parse("cron", "30 2 * * *", BERLIN);
      assertThat(s.preview(at("2025-03-29T12:00:00Z"), 2))
          .containsExactly(at("2025-03-30T01:00:00Z"), at("2025-03-31T00:30:00Z"));
    }

    @Test
    void cronSlotsInTheGapCollapseIntoOneFire() {
      Schedule s = Schedules.parse("cron", "*/30 * * * *", BERLIN);
      assertThat(s.preview(at("2025-03-30T00:00:00Z"), 3))
          .containsExactly(
              at("2025-03-30T00:30:00Z"), at("2025-03-30T01:00:00Z"), at("2025-03-30T01:30:00Z"));
    }

    @Test
    void cronSlotsInTheOverlapFireOnlyOnTheFirstPass() {
      // cron-utils on its own fires 02:00 and 02:30 a second time in CET.
      Schedule s = Schedules.parse("cron", "*/30 * * * *", BERLIN);
      assertThat(s.preview(at("2025-10-25T23:45:00Z"), 4))
          .containsExactly(
              at("2025-10-26T00:00:00Z"), at("2025-10-26T00:30:00Z"),
              at("2025-10-26T02:00:00Z"), at("2025-10-26T02:30:00Z"));
    }

    @Test
    void catchUpDuringTheSecondPassOfTheOverlapReturnsTheFirstPassSlot() {
      Schedule s = Schedules.parse("every_day_hour", null, BERLIN);
      assertThat(s.latestFireAtOrBefore(at("2025-10-26T01:30:00Z"), at("2025-10-25T20:00:00Z")))
          .contains(at("2025-10-26T00:00:00Z"));
      assertThat(s.latestFireAtOrBefore(at("2025-10-26T01:30:00Z"), at("2025-10-26T00:00:00Z")))
          .isEmpty();
    }

    @Test
    void catchUpOverTheGapReturnsTheGapEnd() {
      Schedule s = Schedules.parse("day", "02:30", BERLIN);
      Instant previous = at("2025-03-29T01:30:00Z");
      assertThat(s.latestFireAtOrBefore(at("2025-03-30T01:00:00Z"), previous))
          .contains(at("2025-03-30T01:00:00Z"));
      assertThat(s.latestFireAtOrBefore(at("2025-03-30T00:59:59Z"), previous)).isEmpty();
      assertThat(s.latestFireAtOrBefore(at("2025-03-30T12:00:00Z"), previous))
          .contains(at("2025-03-30T01:00:00Z"));
    }
  }

  @Nested
  class NewYork {

    @Test
    void dayTimeInTheSpringGapFiresOnceWhenTheGapEnds() {
      Schedule s = Schedules.parse("day", "02:30", NEW_YORK);
      assertThat(s.preview(at("2025-03-08T12:00:00Z"), 3))
          .containsExactly(
              at("2025-03-09T07:00:00Z"), at("2025-03-10T06:30:00Z"), at("2025-03-11T06:30:00Z"));
    }

    @Test
    void dayTimeInTheFallOverlapFiresOnceAtTheFirstOccurrence() {
      Schedule s = Schedules.parse("day", "01:30", NEW_YORK);
      assertThat(s.preview(at("2025-10-31T12:00:00Z"), 3))
          .containsExactly(
              at("2025-11-01T05:30:00Z"), at("2025-11-02T05:30:00Z"), at("2025-11-03T06:30:00Z"));
    }

    @Test
    void weekdayScheduleKeepsItsLocalTimeAcrossTheTransitionWeekends() {
      Schedule s = Schedules.parse("weekday", "09:00", NEW_YORK);
      assertThat(s.nextFireAfter(at("2025-03-07T14:00:00Z"))).isEqualTo(at("2025-03-10T13:00:00Z"));
      assertThat(s.nextFireAfter(at("2025-10-31T13:00:00Z"))).isEqualTo(at("2025-11-03T14:00:00Z"));
    }

    @Test
    void everyDayHourAcrossSpringForward() {
      Schedule s = Schedules.parse("every_day_hour", null, NEW_YORK);
      assertThat(s.preview(at("2025-03-09T05:30:00Z"), 3))
          .containsExactly(
              at("2025-03-09T06:00:00Z"), at("2025-03-09T07:00:00Z"), at("2025-03-09T08:00:00Z"));
    }

    @Test
    void everyDayHourAcrossFallBack() {
      Schedule s = Schedules.parse("every_day_hour", null, NEW_YORK);
      assertThat(s.preview(at("2025-11-02T04:30:00Z"), 3))
          .containsExactly(
              at("2025-11-02T05:00:00Z"), at("2025-11-02T07:00:00Z"), at("2025-11-02T08:00:00Z"));
    }

    @Test
    void everyFourHourStaysOnTheLocalClock() {
      Schedule s = Schedules.parse("every_4_hour", null, NEW_YORK);
      assertThat(s.preview(at("2025-03-09T04:00:00Z"), 2))
          .containsExactly(at("2025-03-09T05:00:00Z"), at("2025-03-09T08:00:00Z"));
      assertThat(s.preview(at("2025-11-02T03:00:00Z"), 2))
          .containsExactly(at("2025-11-02T04:00:00Z"), at("2025-11-02T09:00:00Z"));
    }

    @Test
    void cronInTheGapAndTheOverlap() {
      assertThat(
              Schedules.parse("cron", "0 2 * * *", NEW_YORK).preview(at("2025-03-08T12:00:00Z"), 2))
          .containsExactly(at("2025-03-09T07:00:00Z"), at("2025-03-10T06:00:00Z"));
      assertThat(
              Schedules.parse("cron", "0 30 1 * * *", NEW_YORK)
                  .preview(at("2025-10-31T12:00:00Z"), 3))
          .containsExactly(
              at("2025-11-01T05:30:00Z"), at("2025-11-02T05:30:00Z"), at("2025-11-03T06:30:00Z"));
    }
  }

  @Test
  void midnightThatDoesNotExistFiresAtTheFirstValidInstant() {
    // Sao Paulo skipped from 00:00 to 01:00 on 2018-11-04 (03:00Z).
    Schedule s = Schedules.parse("day", "00:00", ZoneId.of("America/Sao_Paulo"));
    assertThat(s.preview(at("2018-11-03T12:00:00Z"), 2))
        .containsExactly(at("2018-11-04T03:00:00Z"), at("2018-11-05T02:00:00Z"));
  }

  @Test
  void aLocalDayThatNeverHappensStillFiresOnce() {
    // Samoa skipped 2011-12-30 entirely, jumping from UTC-10 to UTC+14 at 10:00Z.
    Schedule s = Schedules.parse("day", "02:30", ZoneId.of("Pacific/Apia"));
    assertThat(s.preview(at("2011-12-29T00:00:00Z"), 3))
        .containsExactly(
            at("2011-12-29T12:30:00Z"), at("2011-12-30T10:00:00Z"), at("2011-12-30T12:30:00Z"));
  }
}
