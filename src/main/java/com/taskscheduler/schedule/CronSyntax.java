package com.taskscheduler.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The two cron dialects accepted in {@code AtTime}: standard 5-field UNIX cron, and the same with a
 * leading seconds field. Both have UNIX semantics (0 and 7 are Sunday; day-of-month and day-of-week
 * restricted together match either, as in Vixie cron).
 */
final class CronSyntax {

  static final String FORMS =
      "a 5-field cron expression (minute hour day-of-month month day-of-week)"
          + " or 6 fields with a leading seconds field";

  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser UNIX_WITH_SECONDS = new CronParser(unixWithSeconds());

  /** A cron with no match after this date never fires (e.g. "0 0 30 2 *") and is rejected. */
  private static final ZonedDateTime REACHABILITY_PROBE =
      ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private CronSyntax() {}

  /** The expression with runs of whitespace collapsed, so equal schedules describe alike. */
  static String normalize(String expression) {
    return expression.trim().replaceAll("\\s+", " ");
  }

  /** Parses a normalized expression; the exception message is the reason to show the user. */
  static CronSlots parse(String normalized) {
    String[] fields = normalized.isEmpty() ? new String[0] : normalized.split(" ");
    CronParser parser =
        switch (fields.length) {
          case 5 -> UNIX;
          case 6 -> UNIX_WITH_SECONDS;
          default -> throw new IllegalArgumentException("found " + fields.length + " fields");
        };
    Cron cron = parser.parse(normalized).validate();
    if (ExecutionTime.forCron(cron).nextExecution(REACHABILITY_PROBE).isEmpty()) {
      throw new IllegalArgumentException("it never matches a date");
    }
    return new CronSlots(
        normalized, cron, fields.length == 5 ? ChronoUnit.MINUTES : ChronoUnit.SECONDS);
  }

  // Mirrors cron-utils' own UNIX definition, with seconds added in front.
  private static CronDefinition unixWithSeconds() {
    return CronDefinitionBuilder.defineCron()
        .withSeconds()
        .withValidRange(0, 59)
        .withStrictRange()
        .and()
        .withMinutes()
        .withValidRange(0, 59)
        .withStrictRange()
        .and()
        .withHours()
        .withValidRange(0, 23)
        .withStrictRange()
        .and()
        .withDayOfMonth()
        .withValidRange(1, 31)
        .withStrictRange()
        .and()
        .withMonth()
        .withValidRange(1, 12)
        .withStrictRange()
        .and()
        .withDayOfWeek()
        .withValidRange(0, 7)
        .withMondayDoWValue(1)
        .withIntMapping(7, 0)
        .withStrictRange()
        .and()
        .instance();
  }
}
