package com.taskscheduler.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Maps wall-clock slots of one zone to instants with the product's daylight-saving rules, which
 * differ from {@code java.time}'s defaults: a slot inside a gap fires at the instant the gap ends
 * (Java would shift it by the gap length, e.g. 02:30 → 03:30), and a slot inside an overlap fires
 * at its first occurrence.
 *
 * <p>The mapping never decreases as the slot moves later, which is what lets {@link
 * CalendarSchedule} search slots in local order and stop at the first match.
 */
final class WallClock {

  private final ZoneId zone;
  private final ZoneRules rules;

  WallClock(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
  }

  ZoneId zone() {
    return zone;
  }

  Instant toInstant(LocalDateTime slot) {
    List<ZoneOffset> offsets = rules.getValidOffsets(slot);
    if (offsets.isEmpty()) {
      return rules.getTransition(slot).getInstant();
    }
    if (offsets.size() == 1) {
      return slot.toInstant(offsets.get(0));
    }
    Instant a = slot.toInstant(offsets.get(0));
    Instant b = slot.toInstant(offsets.get(1));
    return a.isBefore(b) ? a : b;
  }

  /**
   * The latest wall-clock time whose slots all map to instants {@code <= instant}; slots after it
   * all map to instants {@code > instant}. Usually the instant's own local time, except in the
   * second pass through an overlap: there, every slot up to the end of the overlap already fired on
   * the first pass, so the boundary moves to just before the overlap ends.
   */
  LocalDateTime slotBoundary(Instant instant) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    ZoneOffsetTransition transition = rules.getTransition(local);
    if (transition != null
        && transition.isOverlap()
        && !instant.isBefore(transition.getInstant())) {
      return transition.getDateTimeBefore().minusNanos(1);
    }
    return local;
  }
}
