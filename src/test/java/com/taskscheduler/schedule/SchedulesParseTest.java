package com.taskscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesParseTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  private static Schedule parse(String every, String atTime) {
    return Schedules.parse(every, atTime, UTC);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "day            | 07:45       | every day at 07:45",
        "DAY            | 7:45        | every day at 07:45",
        "  Day          | ' 07:45:30 '| every day at 07:45:30",
        "day            | 00:00       | every day at 00:00",
        "day            | 23:59:59    | every day at 23:59:59",
        "weekday        | 07:45       | every weekday at 07:45",
        "WeekDay        | 07:45       | every weekday at 07:45",
        "monday         | 18:00       | every Monday at 18:00",
        "Tuesday        | 18:00       | every Tuesday at 18:00",
        "wednesday      | 18:00       | every Wednesday at 18:00",
        "thursday       | 18:00       | every Thursday at 18:00",
        "FRIDAY         | 18:00       | every Friday at 18:00",
        "saturday       | 18:00       | every Saturday at 18:00",
        "sunday         | 18:00       | every Sunday at 18:00",
        "minutes        | 15          | every 15 minutes",
        "Minutes        | ' 1 '       | every minute",
        "seconds        | 30          | every 30 seconds",
        "hours          | 2           | every 2 hours",
        "hours          | 8784        | every 8784 hours",
        "every_day_hour |             | every hour on the hour",
        "Every_Day_Hour | '   '       | every hour on the hour",
        "every_4_hour   |             | every 4 hours at 00:00, 04:00, 08:00, 12:00, 16:00, 20:00",
        "cron           | 0 */2 * * * | cron 0 */2 * * *",
        "CRON           | ' 0  9 * *   MON-FRI ' | cron 0 9 * * MON-FRI",
        "cron           | 30 0 9 * * 1-5 | cron 30 0 9 * * 1-5",
      })
  void everyAcceptedFormParsesAndDescribesItself(String every, String atTime, String description) {
    assertThat(parse(every, atTime).describe()).isEqualTo(description);
  }

  @Test
  void intervalFormsAreIntervalsAndCalendarFormsAreNot() {
    assertThat(parse("minutes", "15").isInterval()).isTrue();
    assertThat(parse("seconds", "5").isInterval()).isTrue();
    assertThat(parse("hours", "1").isInterval()).isTrue();
    assertThat(parse("day", "07:45").isInterval()).isFalse();
    assertThat(parse("every_4_hour", null).isInterval()).isFalse();
    assertThat(parse("cron", "* * * * *").isInterval()).isFalse();
  }

  @Test
  void scheduleIsBoundToTheGivenZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(Schedules.parse("day", "07:45", berlin).zone()).isEqualTo(berlin);
    assertThat(Schedules.parse("minutes", "5", berlin).zone()).isEqualTo(berlin);
  }

  @Test
  void equalInputsGiveEqualSchedules() {
    assertThat(parse("Day", "7:45")).isEqualTo(parse("day", "07:45:00"));
    assertThat(parse("cron", "0  9 * * *")).isEqualTo(parse("cron", "0 9 * * *"));
    assertThat(parse("minutes", "15")).isEqualTo(parse("MINUTES", "15"));
    assertThat(parse("day", "07:45")).isNotEqualTo(parse("weekday", "07:45"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"fortnight", "daily", "week", "minute", "every_2_hour", "  ", "day at"})
  void unknownEveryIsRejectedOnEveryWithTheAcceptedValues(String every) {
    assertThatThrownBy(() -> parse(every, "07:45"))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("Every");
              assertThat(e.getMessage())
                  .startsWith("Every must be one of ")
                  .contains(
                      "day",
                      "weekday",
                      "monday",
                      "sunday",
                      "seconds",
                      "minutes",
                      "hours",
                      "every_day_hour",
                      "every_4_hour",
                      "cron");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "25:00",
        "24:00",
        "12:60",
        "12:00:60",
        "7:5",
        "123:00",
        "07h45",
        "07:45:",
        "-1:00",
        "07:45 pm",
        "noon",
        "0745",
        "07:45:00:00",
        "",
        "   "
      })
  void malformedOrOutOfRangeTimesAreRejectedOnAtTime(String atTime) {
    for (String every : new String[] {"day", "weekday", "friday"}) {
      assertThatThrownBy(() -> parse(every, atTime))
          .isInstanceOfSatisfying(
              InvalidScheduleException.class,
              e -> {
                assertThat(e.field()).isEqualTo("AtTime");
                assertThat(e.getMessage())
                    .startsWith("AtTime must be HH:MM or HH:MM:SS for Every=" + every);
              });
    }
  }

  @Test
  void timeErrorMessageQuotesTheValue() {
    assertThatThrownBy(() -> parse("day", "25:00"))
        .hasMessage("AtTime must be HH:MM or HH:MM:SS for Every=day (got \"25:00\")");
    assertThatThrownBy(() -> parse("day", null))
        .hasMessage("AtTime must be HH:MM or HH:MM:SS for Every=day (got \"\")");
  }

  @ParameterizedTest
  @CsvSource({
    "minutes, 0",
    "minutes, -5",
    "minutes, abc",
    "minutes, 1.5",
    "minutes, ''",
    "minutes, 527041",
    "seconds, 31622401",
    "hours, 8785",
    "hours, 99999999999999999999999",
    "hours, 9223372036854775807",
    "seconds, +5",
    "minutes, 15m",
  })
  void nonPositiveNonNumericOrHugeIntervalsAreRejectedOnAtTime(String every, String atTime) {
    assertThatThrownBy(() -> parse(every, atTime))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("AtTime");
              assertThat(e.getMessage())
                  .startsWith("AtTime must be a whole number of " + every + " from 1 to ");
            });
  }

  @Test
  void largestIntervalIsAYearAndADay() {
    assertThat(parse("seconds", "31622400").nextFireAfter(Instant.EPOCH))
        .isEqualTo(Instant.EPOCH.plusSeconds(366L * 24 * 3600));
    assertThat(parse("minutes", "527040").nextFireAfter(Instant.EPOCH))
        .isEqualTo(Instant.EPOCH.plusSeconds(366L * 24 * 3600));
  }

  @ParameterizedTest
  @ValueSource(strings = {"every_day_hour", "every_4_hour", "EVERY_4_HOUR"})
  void hourlyFormsRejectAnyAtTime(String every) {
    assertThatThrownBy(() -> parse(every, "08:00"))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("AtTime");
              assertThat(e.getMessage())
                  .startsWith("AtTime must be empty for Every=" + every.toLowerCase());
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "61 * * * *",
        "* * *",
        "* * * * * * *",
        "a b c d e",
        "0 0 * * 8",
        "0 0 L * *",
        "0 0 ? * *",
        "0 0 30 2 *",
        "0 25 * * *",
        "60 * * * * *",
        "",
        "@daily"
      })
  void badCronIsRejectedOnAtTimeWithTheReason(String expression) {
    assertThatThrownBy(() -> parse("cron", expression))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("AtTime");
              assertThat(e.getMessage())
                  .startsWith("AtTime must be a 5-field cron expression")
                  .contains("for Every=cron")
                  .contains("\"" + expression + "\"");
            });
  }

  @Test
  void cronErrorCarriesTheLibraryReason() {
    assertThatThrownBy(() -> parse("cron", "61 * * * *"))
        .hasMessageContaining("61 not in range [0, 59]");
    assertThatThrownBy(() -> parse("cron", "* * *")).hasMessageContaining("found 3 fields");
    assertThatThrownBy(() -> parse("cron", "0 0 30 2 *")).hasMessageContaining("never matches");
  }

  @Test
  void nullZoneIsAProgrammingError() {
    assertThatThrownBy(() -> Schedules.parse("day", "07:45", null))
        .isInstanceOf(NullPointerException.class);
  }
}
