package com.taskscheduler.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One time of day on a set of weekdays: the day, weekday and monday … sunday forms. */
record DailySlots(LocalTime time, Set<DayOfWeek> days) implements LocalSlots {

  DailySlots {
    Objects.requireNonNull(time, "time");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("at least one day is needed");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  @Override
  public Optional<LocalDateTime> nextAfter(LocalDateTime t) {
    LocalDate date = t.toLocalTime().isBefore(time) ? t.toLocalDate() : t.toLocalDate().plusDays(1);
    while (!days.contains(date.getDayOfWeek())) {
      date = date.plusDays(1);
    }
    return Optional.of(date.atTime(time));
  }

  @Override
  public Optional<LocalDateTime> latestAtOrBefore(LocalDateTime t) {
    LocalDate date =
        t.toLocalTime().isBefore(time) ? t.toLocalDate().minusDays(1) : t.toLocalDate();
    while (!days.contains(date.getDayOfWeek())) {
      date = date.minusDays(1);
    }
    return Optional.of(date.atTime(time));
  }
}
