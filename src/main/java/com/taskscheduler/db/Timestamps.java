package com.taskscheduler.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Converts between instants and the two kinds of datetime column. The legacy columns (InsertedAt,
 * NextRun) hold local wall-clock time in the configured zone, as the Python tool writes them; the
 * columns we added (FireTime, StartedAt, FinishedAt, LastFireTime) hold UTC, so they stay
 * unambiguous across daylight-saving changes.
 */
public final class Timestamps {
  /** The format of every datetime in the legacy API. */
  public static final DateTimeFormatter LEGACY_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ZoneId zone;

  public Timestamps(ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** An instant as the Python tool would write it: local time, whole milliseconds. */
  public LocalDateTime toLegacy(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), zone);
  }

  /**
   * The instant of a legacy local time. A time the autumn change repeats is taken as its first
   * occurrence, one that spring skips as shifted past the gap.
   */
  public Instant fromLegacy(LocalDateTime local) {
    return local.atZone(zone).toInstant();
  }

  public static LocalDateTime toUtc(Instant instant) {
    return instant == null
        ? null
        : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }

  public static Instant fromUtc(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  /** Formats a legacy column for the API, as the Python tool's API did. */
  public static String formatLegacy(LocalDateTime local) {
    return local == null ? null : LEGACY_FORMAT.format(local);
  }

  /** Formats an instant in the configured zone, in the legacy API format. */
  public String format(Instant instant) {
    return instant == null ? null : LEGACY_FORMAT.format(LocalDateTime.ofInstant(instant, zone));
  }
}
