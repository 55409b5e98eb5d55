package com.taskscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks ten years of a daily schedule, fire to fire, in every zone the JVM knows. 02:30 hits the
 * usual spring-forward gaps and fall-back overlaps; 00:00 hits zones whose midnight is skipped.
 */
class AllZonesSweepTest {

  private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
  private static final LocalDate END = LocalDate.of(2025, 1, 1);

  @ParameterizedTest
  @ValueSource(strings = {"02:30", "00:00"})
  void dailyScheduleFiresExactlyOncePerLocalDayInEveryZone(String time) {
    LocalTime slotTime = LocalTime.parse(time);
    long days = ChronoUnit.DAYS.between(FIRST_DAY, END);
    List<String> failures = new ArrayList<>();
    int gapSlots = 0;
    int overlapSlots = 0;
    for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
      ZoneId zone = ZoneId.of(id);
      ZoneRules rules = zone.getRules();
      try {
        Schedule schedule = Schedules.parse("day", time, zone);
        // Start from the previous day's fire, as the engine would after firing it.
        Instant cursor = expectedFire(rules, FIRST_DAY.minusDays(1).atTime(slotTime));
        for (long day = 0; day < days; day++) {
          LocalDateTime slot = FIRST_DAY.plusDays(day).atTime(slotTime);
          Instant fire = schedule.nextFireAfter(cursor);
          Instant expected = expectedFire(rules, slot);
          int validOffsets = rules.getValidOffsets(slot).size();
          gapSlots += validOffsets == 0 ? 1 : 0;
          overlapSlots += validOffsets == 2 ? 1 : 0;
          if (!fire.equals(expected) || !fire.isAfter(cursor)) {
            failures.add(id + " " + slot + ": fired " + fire + ", expected " + expected);
            break;
          }
          cursor = fire;
        }
      } catch (RuntimeException e) {
        failures.add(id + ": " + e);
      }
    }
    assertThat(failures).isEmpty();
    // Guards the sweep itself: it must have crossed both kinds of transition.
    assertThat(gapSlots).isPositive();
    assertThat(overlapSlots).isPositive();
  }

  /**
   * The rules written independently: a gap slot fires when the gap ends, an overlap slot at its
   * first occurrence.
   */
  private static Instant expectedFire(ZoneRules rules, LocalDateTime slot) {
    List<ZoneOffset> offsets = rules.getValidOffsets(slot);
    if (offsets.isEmpty()) {
      return rules.getTransition(slot).getInstant();
    }
    Instant a = slot.toInstant(offsets.get(0));
    Instant b = slot.toInstant(offsets.get(offsets.size() - 1));
    return a.isBefore(b) ? a : b;
  }
}
