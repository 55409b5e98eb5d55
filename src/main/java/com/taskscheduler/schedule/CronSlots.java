package com.taskscheduler.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Cron matches as wall-clock slots. cron-utils is asked in UTC, a zone without daylight saving, so
 * that it only does calendar arithmetic: given a real zone it skips a slot that falls in a
 * spring-forward gap for the whole day and fires twice in a fall-back overlap, both against our
 * rules. {@link WallClock} maps the slots to instants instead.
 */
final class CronSlots implements LocalSlots {

  private final String expression;
  private final ExecutionTime executionTime;
  private final ChronoUnit resolution;

  /**
   * {@code resolution} is the smallest field of the dialect: minutes for 5 fields, seconds for 6.
   */
  CronSlots(String expression, Cron cron, ChronoUnit resolution) {
    this.expression = Objects.requireNonNull(expression, "expression");
    this.executionTime = ExecutionTime.forCron(cron);
    this.resolution = Objects.requireNonNull(resolution, "resolution");
  }

  String expression() {
    return expression;
  }

  @Override
  public Optional<LocalDateTime> nextAfter(LocalDateTime t) {
    return executionTime
        .nextExecution(t.atZone(ZoneOffset.UTC))
        .map(ZonedDateTime::toLocalDateTime);
  }

  @Override
  public Optional<LocalDateTime> latestAtOrBefore(LocalDateTime t) {
    // cron-utils' lastExecution is strictly before its argument, and its isMatch ignores the
    // seconds of a 5-field cron, so test only the slot-aligned time for a match.
    ZonedDateTime aligned = t.truncatedTo(resolution).atZone(ZoneOffset.UTC);
    if (executionTime.isMatch(aligned)) {
      return Optional.of(aligned.toLocalDateTime());
    }
    return executionTime.lastExecution(aligned).map(ZonedDateTime::toLocalDateTime);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronSlots other && expression.equals(other.expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return "cron " + expression;
  }
}
