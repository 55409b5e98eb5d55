package com.taskscheduler.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A schedule of wall-clock slots (day, weekday, weekday names, every_day_hour, every_4_hour, cron).
 * Slots are searched in local time and mapped to instants by {@link WallClock}; because that
 * mapping never goes backwards, the first slot that maps past {@code after} is the answer. Several
 * slots in one gap map to the same instant and so fire once.
 */
final class CalendarSchedule implements Schedule {

  private final LocalSlots slots;
  private final WallClock clock;
  private final String description;

  CalendarSchedule(LocalSlots slots, ZoneId zone, String description) {
    this.slots = Objects.requireNonNull(slots, "slots");
    this.clock = new WallClock(Objects.requireNonNull(zone, "zone"));
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public Instant nextFireAfter(Instant after) {
    LocalDateTime cursor = clock.slotBoundary(after);
    while (true) {
      LocalDateTime slot =
          slots
              .nextAfter(cursor)
              .orElseThrow(
                  () ->
                      new IllegalStateException(description + " has no fire time after " + after));
      Instant fire = clock.toInstant(slot);
      // slotBoundary makes this true on the first pass; the loop only guards odd zone rules.
      if (fire.isAfter(after)) {
        return fire;
      }
      cursor = slot;
    }
  }

  @Override
  public Optional<Instant> latestFireAtOrBefore(Instant t, Instant previousFire) {
    Objects.requireNonNull(previousFire, "previousFire");
    return slots
        .latestAtOrBefore(clock.slotBoundary(t))
        .map(clock::toInstant)
        .filter(fire -> fire.isAfter(previousFire) && !fire.isAfter(t));
  }

  @Override
  public boolean isInterval() {
    return false;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public ZoneId zone() {
    return clock.zone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalendarSchedule other
        && slots.equals(other.slots)
        && zone().equals(other.zone());
  }

  @Override
  public int hashCode() {
    return Objects.hash(slots, zone());
  }

  @Override
  public String toString() {
    return description + " (" + zone() + ")";
  }
}
