package com.taskscheduler.schedule;

import static com.taskscheduler.schedule.InvalidScheduleException.AT_TIME;
import static com.taskscheduler.schedule.InvalidScheduleException.EVERY;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the legacy {@code Every} and {@code AtTime} columns into a {@link Schedule}. */
public final class Schedules {

  static final String ACCEPTED_EVERY =
      "day, weekday, monday, tuesday, wednesday, thursday, friday, saturday,"
          + " sunday, seconds, minutes, hours, every_day_hour, every_4_hour, cron";

  /** Longest interval accepted: keeps N * unit far from Duration overflow and from typos. */
  static final Duration MAX_INTERVAL = Duration.ofDays(366);

  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,18}");
  private static final Set<DayOfWeek> WORK_DAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private Schedules() {}

  /**
   * Parses one schedule. {@code every} is case-insensitive; both values are trimmed.
   *
   * @throws InvalidScheduleException naming the offending column and the accepted forms
   */
  public static Schedule parse(String every, String atTime, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    Key key = new Key(every, atTime, zone);
    Schedule known = PARSED.get(key);
    if (known != null) {
      return known;
    }
    Schedule parsed = parseAnew(every, atTime, zone);
    if (PARSED.size() >= MAX_PARSED) {
      // Teams have a few hundred distinct schedules; a flood of distinct ones just starts over.
      PARSED.clear();
    }
    PARSED.put(key, parsed);
    return parsed;
  }

  /**
   * Schedules are immutable values, and the engine's every pass and every task list the API serves
   * would otherwise parse each task's schedule (cron expressions are not cheap) again.
   */
  private static final Map<Key, Schedule> PARSED = new ConcurrentHashMap<>();

  private static final int MAX_PARSED = 10_000;

  private record Key(String every, String atTime, ZoneId zone) {}

  private static Schedule parseAnew(String every, String atTime, ZoneId zone) {
    String kind = every == null ? "" : every.trim().toLowerCase(Locale.ROOT);
    String value = atTime == null ? "" : atTime.trim();
    return switch (kind) {
      case "day" -> daily(kind, value, EnumSet.allOf(DayOfWeek.class), "every day", zone);
      case "weekday" -> daily(kind, value, WORK_DAYS, "every weekday", zone);
      case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" -> {
        DayOfWeek day = DayOfWeek.valueOf(kind.toUpperCase(Locale.ROOT));
        yield daily(
            kind,
            value,
            EnumSet.of(day),
            "every " + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH),
            zone);
      }
      case "seconds" -> interval(kind, value, ChronoUnit.SECONDS, zone);
      case "minutes" -> interval(kind, value, ChronoUnit.MINUTES, zone);
      case "hours" -> interval(kind, value, ChronoUnit.HOURS, zone);
      case "every_day_hour" -> hourly(kind, value, 1, "every hour on the hour", zone);
      case "every_4_hour" ->
          hourly(kind, value, 4, "every 4 hours at 00:00, 04:00, 08:00, 12:00, 16:00, 20:00", zone);
      case "cron" -> cron(value, zone);
      default ->
          throw new InvalidScheduleException(
              EVERY, "Every must be one of " + ACCEPTED_EVERY + " (got " + quote(every) + ")");
    };
  }

  private static Schedule daily(
      String kind, String value, Set<DayOfWeek> days, String prefix, ZoneId zone) {
    LocalTime time = parseTime(kind, value);
    return new CalendarSchedule(new DailySlots(time, days), zone, prefix + " at " + time);
  }

  private static LocalTime parseTime(String kind, String value) {
    Matcher m = TIME.matcher(value);
    if (m.matches()) {
      int hour = Integer.parseInt(m.group(1));
      int minute = Integer.parseInt(m.group(2));
      int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      if (hour <= 23 && minute <= 59 && second <= 59) {
        return LocalTime.of(hour, minute, second);
      }
    }
    throw new InvalidScheduleException(
        AT_TIME,
        "AtTime must be HH:MM or HH:MM:SS for Every=" + kind + " (got " + quote(value) + ")");
  }

  private static Schedule interval(String kind, String value, ChronoUnit unit, ZoneId zone) {
    long max = MAX_INTERVAL.dividedBy(unit.getDuration());
    String expected =
        "AtTime must be a whole number of "
            + kind
            + " from 1 to "
            + max
            + " for Every="
            + kind
            + " (got "
            + quote(value)
            + ")";
    if (!WHOLE_NUMBER.matcher(value).matches()) {
      throw new InvalidScheduleException(AT_TIME, expected);
    }
    long amount = Long.parseLong(value);
    if (amount < 1 || amount > max) {
      throw new InvalidScheduleException(AT_TIME, expected);
    }
    return new IntervalSchedule(amount, unit, zone);
  }

  private static Schedule hourly(
      String kind, String value, int everyHours, String description, ZoneId zone) {
    if (!value.isEmpty()) {
      throw new InvalidScheduleException(
          AT_TIME, "AtTime must be empty for Every=" + kind + " (got " + quote(value) + ")");
    }
    return new CalendarSchedule(new HourlySlots(everyHours), zone, description);
  }

  private static Schedule cron(String value, ZoneId zone) {
    String expression = CronSyntax.normalize(value);
    CronSlots slots;
    try {
      slots = CronSyntax.parse(expression);
    } catch (RuntimeException e) {
      // Any library failure on user input is the user's error to fix, reported with its reason.
      throw new InvalidScheduleException(
          AT_TIME,
          "AtTime must be "
              + CronSyntax.FORMS
              + " for Every=cron (got "
              + quote(value)
              + "): "
              + e.getMessage());
    }
    return new CalendarSchedule(slots, zone, "cron " + expression);
  }

  private static String quote(String s) {
    return s == null ? "nothing" : "\"" + s + "\"";
  }
}
