package com.taskscheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Every N seconds, minutes or hours of real time. The zone plays no part in the arithmetic, which
 * is what keeps the cadence exact across daylight-saving transitions.
 */
record IntervalSchedule(long amount, ChronoUnit unit, ZoneId zone) implements Schedule {

  IntervalSchedule {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(zone, "zone");
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be positive: " + amount);
    }
  }

  Duration step() {
    return Duration.of(amount, unit);
  }

  @Override
  public Instant nextFireAfter(Instant after) {
    return after.plus(step());
  }

  @Override
  public Optional<Instant> latestFireAtOrBefore(Instant t, Instant previousFire) {
    Objects.requireNonNull(t, "t");
    Objects.requireNonNull(previousFire, "previousFire");
    Duration elapsed = Duration.between(previousFire, t);
    long stepSeconds = step().getSeconds();
    // Duration keeps its nano part non-negative, so whole seconds floor the elapsed time and
    // dividing them by a whole-second step gives the same k as dividing the exact duration.
    long k = elapsed.isNegative() ? 0 : elapsed.getSeconds() / stepSeconds;
    if (k < 1) {
      return Optional.empty();
    }
    return Optional.of(previousFire.plusSeconds(Math.multiplyExact(k, stepSeconds)));
  }

  /** Exact, whatever the span: the fires are {@code from + k * step}. */
  @Override
  public long countFires(Instant from, Instant until, long stepLimit) {
    if (!from.isBefore(until)) {
      return 0;
    }
    long step = step().toMillis();
    long span = Duration.between(from, until).toMillis();
    return (span + step - 1) / step;
  }

  @Override
  public boolean isInterval() {
    return true;
  }

  @Override
  public String describe() {
    String singular =
        switch (unit) {
          case SECONDS -> "second";
          case MINUTES -> "minute";
          case HOURS -> "hour";
          default -> unit.toString().toLowerCase(java.util.Locale.ROOT);
        };
    return amount == 1 ? "every " + singular : "every " + amount + " " + singular + "s";
  }

  @Override
  public String toString() {
    return describe();
  }
}
