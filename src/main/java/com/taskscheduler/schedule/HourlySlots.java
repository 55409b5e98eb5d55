package com.taskscheduler.schedule;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Local minute 0 of every hour divisible by {@code everyHours} (1 for every_day_hour, 4 for
 * every_4_hour). Counted on the wall clock, not in real time, so every_4_hour stays on 00:00,
 * 04:00… even across daylight-saving changes.
 */
record HourlySlots(int everyHours) implements LocalSlots {

  HourlySlots {
    if (everyHours <= 0 || 24 % everyHours != 0) {
      throw new IllegalArgumentException("everyHours must divide 24: " + everyHours);
    }
  }

  @Override
  public Optional<LocalDateTime> nextAfter(LocalDateTime t) {
    LocalDateTime slot = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
    while (slot.getHour() % everyHours != 0) {
      slot = slot.plusHours(1);
    }
    return Optional.of(slot);
  }

  @Override
  public Optional<LocalDateTime> latestAtOrBefore(LocalDateTime t) {
    LocalDateTime slot = t.truncatedTo(ChronoUnit.HOURS);
    while (slot.getHour() % everyHours != 0) {
      slot = slot.minusHours(1);
    }
    return Optional.of(slot);
  }
}
