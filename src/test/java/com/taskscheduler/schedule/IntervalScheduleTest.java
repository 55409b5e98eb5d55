package com.taskscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void nextFireIsExactlyOneIntervalAfterTheAnchor() {
    Instant anchor = at("2025-10-01T09:13:02.123Z");
    assertThat(Schedules.parse("minutes", "15", BERLIN).nextFireAfter(anchor))
        .isEqualTo(anchor.plusSeconds(900));
    assertThat(Schedules.parse("seconds", "7", BERLIN).nextFireAfter(anchor))
        .isEqualTo(anchor.plusSeconds(7));
    assertThat(Schedules.parse("hours", "3", BERLIN).nextFireAfter(anchor))
        .isEqualTo(anchor.plusSeconds(3 * 3600));
  }

  @Test
  void firesInASpanAreCountedExactlyWithoutSteppingThroughThem() {
    Schedule every7s = Schedules.parse("seconds", "7", BERLIN);
    Instant from = at("2025-10-01T09:13:02.123Z");
    assertThat(every7s.countFires(from, from, 5)).isZero();
    assertThat(every7s.countFires(from, from.plusSeconds(7), 5)).isEqualTo(1);
    assertThat(every7s.countFires(from, from.plusSeconds(7).plusMillis(1), 5)).isEqualTo(2);
    // A year of 7-second slots: far beyond the step limit, which only calendars need.
    long year = Duration.ofDays(365).toSeconds();
    assertThat(every7s.countFires(from, from.plusSeconds(year), 5)).isEqualTo((year + 6) / 7);
  }

  @Test
  void intervalsKeepExactRealTimeCadenceAcrossSpringForward() {
    // Berlin jumps from 02:00 CET to 03:00 CEST at 01:00Z.
    List<Instant> fires =
        Schedules.parse("minutes", "30", BERLIN).preview(at("2025-03-30T00:15:00Z"), 4);
    assertThat(fires)
        .containsExactly(
            at("2025-03-30T00:45:00Z"), at("2025-03-30T01:15:00Z"),
            at("2025-03-30T01:45:00Z"), at("2025-03-30T02:15:00Z"));
  }

  @Test
  void intervalsKeepExactRealTimeCadenceAcrossFallBack() {
    ZoneId newYork = ZoneId.of("America/New_York");
    List<Instant> fires =
        Schedules.parse("hours", "1", newYork).preview(at("2025-11-02T04:30:00Z"), 4);
    for (int i = 1; i < fires.size(); i++) {
      assertThat(Duration.between(fires.get(i - 1), fires.get(i))).isEqualTo(Duration.ofHours(1));
    }
    // Local 01:30 occurs twice and an interval fires at both.
    assertThat(fires).contains(at("2025-11-02T05:30:00Z"), at("2025-11-02T06:30:00Z"));
  }

  @Test
  void latestIntervalFireIsTheLastWholeStepFromThePreviousFire() {
    Schedule perMinute = Schedules.parse("minutes", "1", BERLIN);
    Instant previous = at("2025-10-01T10:00:17Z");
    assertThat(perMinute.latestFireAtOrBefore(at("2025-10-01T12:00:30Z"), previous))
        .contains(at("2025-10-01T12:00:17Z"));
    assertThat(perMinute.latestFireAtOrBefore(at("2025-10-01T12:00:17Z"), previous))
        .contains(at("2025-10-01T12:00:17Z"));
    assertThat(perMinute.latestFireAtOrBefore(at("2025-10-01T12:00:16.999Z"), previous))
        .contains(at("2025-10-01T11:59:17Z"));
  }

  @Test
  void latestIntervalFireIsEmptyBeforeTheFirstWholeStep() {
    Schedule quarterly = Schedules.parse("minutes", "15", BERLIN);
    Instant previous = at("2025-10-01T10:00:00Z");
    assertThat(quarterly.latestFireAtOrBefore(at("2025-10-01T10:14:59.999Z"), previous)).isEmpty();
    assertThat(quarterly.latestFireAtOrBefore(previous, previous)).isEmpty();
    assertThat(quarterly.latestFireAtOrBefore(at("2025-10-01T09:00:00Z"), previous)).isEmpty();
    assertThat(quarterly.latestFireAtOrBefore(at("2025-10-01T10:15:00Z"), previous))
        .contains(at("2025-10-01T10:15:00Z"));
  }

  @Test
  void latestIntervalFireAfterYearsOfDowntimeDoesNotOverflow() {
    Schedule everySecond = Schedules.parse("seconds", "1", BERLIN);
    Instant previous = at("2000-01-01T00:00:00Z");
    assertThat(everySecond.latestFireAtOrBefore(at("2300-01-01T00:00:00.5Z"), previous))
        .contains(at("2300-01-01T00:00:00Z"));
  }

  @Test
  void previewIsAnchoredAtFrom() {
    Instant from = at("2025-10-01T09:00:00Z");
    assertThat(Schedules.parse("seconds", "10", BERLIN).preview(from, 3))
        .containsExactly(from.plusSeconds(10), from.plusSeconds(20), from.plusSeconds(30));
  }
}
