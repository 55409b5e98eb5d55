package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.run.Run;
import com.taskscheduler.schedule.NextRun;
import com.taskscheduler.task.Task;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Single engine passes under a settable clock, on H2 and PostgreSQL. */
class EngineTest {
  @TempDir Path home;

  private Fixture fixture(Kind kind) throws Exception {
    return new Fixture(kind, home, Map.of());
  }

  private static List<Instant> fireTimes(List<RecordingLauncher.Launch> launches) {
    return launches.stream().map(RecordingLauncher.Launch::fireTime).toList();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyTwoMinutesKeepsItsCadenceAcrossReloadsAndARestart(Kind kind) throws Exception {
    DataSource dataSource = TestDatabases.fresh(kind);
    Instant t0 = Fixture.START;
    int id;
    try (Fixture f = new Fixture(dataSource, home, Map.of())) {
      id = f.add("every2.py", "minutes", "2").getId();
      Engine engine = f.readySession().engine();
      assertThat(engine.runOnce()).isEqualTo(t0.plusSeconds(120));
      f.clock.advance(Duration.ofSeconds(61));
      assertThat(engine.runOnce()).isEqualTo(t0.plusSeconds(120));
      f.clock.set(t0.plusSeconds(120).plusMillis(3));
      engine.runOnce();
      // A reload (another pass, the task edited elsewhere) does not reset the cadence.
      f.update(id, t -> t.setComment("edited"));
      f.clock.set(t0.plusSeconds(200));
      assertThat(engine.runOnce()).isEqualTo(t0.plusSeconds(240));
      f.clock.set(t0.plusSeconds(240));
      engine.runOnce();
      assertThat(fireTimes(f.launcher.launches()))
          .containsExactly(t0, t0.plusSeconds(120), t0.plusSeconds(240));
    }
    // Restart: a new scheduler on the same database, 30 s later.
    try (Fixture f = new Fixture(dataSource, home, Map.of())) {
      f.clock.set(t0.plusSeconds(270));
      Engine engine = f.readySession().engine();
      assertThat(engine.runOnce()).isEqualTo(t0.plusSeconds(360));
      f.clock.set(t0.plusSeconds(360));
      engine.runOnce();
      assertThat(fireTimes(f.launcher.launches())).containsExactly(t0.plusSeconds(360));
      assertThat(f.runs(id, "Run")).extracting(Run::getFireTime).hasSize(4);
      assertThat(f.reload(f.tasks.find(id).orElseThrow()).getLastFireTime())
          .isEqualTo(t0.plusSeconds(360));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aClaimedRunRowCarriesWhatThePythonToolAndTheDashboardRead(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Task task = f.add("load.py", "seconds", "30");
      Session session = f.readySession();
      session.engine().runOnce();
      Run run = f.runs().get(0);
      assertThat(run.getStatus()).isEqualTo("Run");
      assertThat(run.getTaskId()).isEqualTo(task.getId());
      assertThat(run.getScriptFile()).isEqualTo("load.py");
      assertThat(run.getSessionId()).isEqualTo("From_Java_Scheduler");
      assertThat(run.getHeartbeatId()).isEqualTo(session.id());
      assertThat(run.getTriggeredBy()).isEqualTo("schedule");
      assertThat(run.getFireTime()).isEqualTo(Fixture.START);
      assertThat(run.getInsertedBy()).isEqualTo("Alice");
      assertThat(run.getInsertedHost()).isEqualTo("test-host");
      assertThat(run.getInsertedAt()).isEqualTo(LocalDateTime.of(2025, 3, 10, 9, 0));
      assertThat(run.getTraceId()).hasSize(36);
      assertThat(f.launcher.launches())
          .singleElement()
          .extracting(RecordingLauncher.Launch::runId)
          .isEqualTo(run.getId());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCalendarTaskThatNeverFiredWaitsForItsNextSlot(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      f.add("daily.py", "day", "08:30"); // 07:30Z, already past at 08:00Z
      Engine engine = f.readySession().engine();
      Instant tomorrow = Instant.parse("2025-03-11T07:30:00Z");
      assertThat(engine.runOnce()).isEqualTo(tomorrow);
      assertThat(f.launcher.launches()).isEmpty();
      f.clock.set(tomorrow.plusMillis(2));
      engine.runOnce();
      assertThat(fireTimes(f.launcher.launches())).containsExactly(tomorrow);
      assertThat(f.runs()).singleElement().extracting(Run::getTriggeredBy).isEqualTo("schedule");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void downForTwoHoursAPerMinuteTaskRunsOnceAndRecordsTheOtherSlotsMissed(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      Task task = f.add("minutely.py", "minutes", "1");
      f.readySession().engine().runOnce(); // fires at START, then the scheduler goes down
      f.clock.set(Fixture.START.plus(Duration.ofHours(2)).plusSeconds(20));
      Engine restarted = f.readySession().engine();
      Instant next = restarted.runOnce();

      Instant latest = Fixture.START.plus(Duration.ofHours(2));
      List<RecordingLauncher.Launch> launches = f.launcher.launches();
      assertThat(launches).hasSize(2);
      assertThat(launches.get(1).fireTime()).isEqualTo(latest);
      assertThat(launches.get(1).trigger()).isEqualTo("catch-up");
      List<Run> missed = f.runs(task.getId(), "Missed");
      assertThat(missed).hasSize(119);
      assertThat(missed.get(0).getFireTime()).isEqualTo(Fixture.START.plusSeconds(60));
      assertThat(missed.get(118).getFireTime()).isEqualTo(latest.minusSeconds(60));
      assertThat(next).isEqualTo(latest.plusSeconds(60));
      // The cadence continues from the slot that was fired.
      f.clock.set(latest.plusSeconds(60));
      restarted.runOnce();
      assertThat(f.launcher.launches().get(2).fireTime()).isEqualTo(latest.plusSeconds(60));
      assertThat(f.launcher.launches().get(2).trigger()).isEqualTo("schedule");
    }
  }

  @Test
  void aMissedFireOlderThanTheGraceIsRecordedMissedAndNotRun() throws Exception {
    try (Fixture f = fixture(Kind.H2)) {
      Task task = Fixture.task("daily.py", "day", "09:30"); // 08:30Z
      task.setLastFireTime(Instant.parse("2025-03-09T08:30:00Z"));
      task.setCatchUpGraceMinutes(30);
      int id = f.tasks.insert(task).getId();
      f.clock.set(Instant.parse("2025-03-10T10:00:00Z"));
      Instant next = f.readySession().engine().runOnce();
      assertThat(f.launcher.launches()).isEmpty();
      assertThat(f.runs(id, "Missed"))
          .extracting(Run::getFireTime)
          .containsExactly(Instant.parse("2025-03-10T08:30:00Z"));
      assertThat(next).isEqualTo(Instant.parse("2025-03-11T08:30:00Z"));
    }
  }

  @Test
  void aSecondsTaskDownForAWeekWritesABoundedNumberOfMissedRows() throws Exception {
    try (Fixture f = fixture(Kind.H2)) {
      Task task = Fixture.task("fast.py", "seconds", "1");
      task.setLastFireTime(Fixture.START);
      int id = f.tasks.insert(task).getId();
      f.clock.set(Fixture.START.plus(Duration.ofDays(7)));
      f.readySession().engine().runOnce();
      List<Run> missed = f.runs(id, "Missed");
      assertThat(missed).hasSize(Engine.MAX_MISSED_ROWS);
      int total = 7 * 24 * 3600 - 1;
      assertThat(missed.get(missed.size() - 1).getReason())
          .contains((total - Engine.MAX_MISSED_ROWS) + " later missed fires");
      assertThat(f.launcher.launches())
          .singleElement()
          .extracting(l -> l.trigger())
          .isEqualTo("catch-up");
    }
  }

  @Test
  void aPerSecondCronDownForAWeekStopsCountingItsMissedSlotsAtTheStepLimit() throws Exception {
    try (Fixture f = fixture(Kind.H2)) {
      Task task = Fixture.task("fast.py", "cron", "* * * * * *");
      task.setLastFireTime(Fixture.START);
      int id = f.tasks.insert(task).getId();
      f.clock.set(Fixture.START.plus(Duration.ofDays(7)));
      f.readySession().engine().runOnce();
      List<Run> missed = f.runs(id, "Missed");
      assertThat(missed).hasSize(Engine.MAX_MISSED_ROWS);
      // 604,799 slots were missed; stepping through them all held the engine for seconds.
      assertThat(missed.get(missed.size() - 1).getReason())
          .contains(Engine.MAX_MISSED_COUNT + " or more later missed fires");
      assertThat(f.launcher.launches())
          .singleElement()
          .extracting(l -> l.trigger())
          .isEqualTo("catch-up");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void asapOnAnEnabledTaskRunsOnceAndClearsTheFlag(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Task task = Fixture.task("report.py", "day", "23:00");
      task.setToRunAsap(true);
      int id = f.tasks.insert(task).getId();
      Engine engine = f.readySession().engine();
      engine.runOnce();
      engine.runOnce();
      assertThat(f.launcher.launches())
          .singleElement()
          .extracting(RecordingLauncher.Launch::trigger)
          .isEqualTo("asap");
      assertThat(f.tasks.find(id).orElseThrow().isAsapRequested()).isFalse();
      assertThat(f.runs(id, "Run"))
          .singleElement()
          .extracting(Run::getFireTime)
          .isEqualTo(Fixture.START);
    }
  }

  @Test
  void asapOnADisabledTaskIsNotRunAndIsReported() throws Exception {
    try (Fixture f = fixture(Kind.H2)) {
      Task task = Fixture.task("report.py", "day", "23:00");
      task.setToRunAsap(true);
      task.setEnable(false);
      int id = f.tasks.insert(task).getId();
      Engine engine = f.readySession().engine();
      engine.runOnce();
      assertThat(f.launcher.launches()).isEmpty();
      assertThat(f.runs()).isEmpty();
      assertThat(f.tasks.find(id).orElseThrow().isAsapRequested()).isTrue();
      assertThat(engine.problems()).containsKey(id);
      assertThat(engine.problems().get(id)).contains("disabled");
      assertThat(f.scheduler.recentLog(10))
          .anySatisfy(
              line -> assertThat(line.message()).contains("Task " + id).contains("disabled"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFireWhileThePreviousRunIsRunningIsRecordedSkipped(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Task task = f.add("slow.py", "seconds", "10");
      Engine engine = f.readySession().engine();
      engine.runOnce();
      f.launcher.running(task.getId(), true);
      f.clock.advance(Duration.ofSeconds(10));
      engine.runOnce();
      f.launcher.running(task.getId(), false);
      f.clock.advance(Duration.ofSeconds(10));
      engine.runOnce();
      assertThat(fireTimes(f.launcher.launches()))
          .containsExactly(Fixture.START, Fixture.START.plusSeconds(20));
      assertThat(f.runs(task.getId(), "Skipped"))
          .singleElement()
          .extracting(Run::getFireTime)
          .isEqualTo(Fixture.START.plusSeconds(10));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anInvalidRowIsSkippedWithAWarningAndOthersStillRun(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      int bad = f.add("bad.py", "fortnightly", "").getId();
      int badCron = f.add("badcron.py", "cron", "61 * * * *").getId();
      int good = f.add("good.py", "seconds", "5").getId();
      Engine engine = f.readySession().engine();
      engine.runOnce();
      engine.runOnce();
      assertThat(f.launcher.launches()).extracting(l -> l.taskId()).containsExactly(good);
      assertThat(engine.problems()).containsOnlyKeys(bad, badCron);
      assertThat(engine.problems().get(bad)).contains("Every");
      long warnings =
          f.scheduler.recentLog(100).stream()
              .filter(l -> l.level().equals("WARNING") && l.message().contains("Task " + bad + " "))
              .count();
      assertThat(warnings).isEqualTo(1);
      // Fixed by another tool: no longer reported, and scheduled.
      f.update(bad, t -> t.setEvery("minutes"));
      f.update(bad, t -> t.setAtTime("1"));
      engine.runOnce();
      assertThat(engine.problems()).containsOnlyKeys(badCron);
      assertThat(f.launcher.launches()).extracting(l -> l.taskId()).contains(bad);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void nextRunsArePublishedOncePerTaskAndAnIdlePassWritesNothing(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      int daily = f.add("daily.py", "day", "10:00").getId();
      int hourly = f.add("hourly.py", "every_day_hour", "").getId();
      Session session = f.readySession();
      Engine engine = session.engine();
      engine.runOnce();
      assertThat(f.nextRuns()).hasSize(2);

      f.dataSource.resetStatements();
      engine.runOnce();
      f.clock.advance(Duration.ofSeconds(5));
      engine.runOnce();
      assertThat(f.dataSource.statements()).isEqualTo(2); // one SELECT of the tasks per pass

      f.clock.set(Instant.parse("2025-03-10T09:00:00Z")); // 10:00 Berlin: both fire
      engine.runOnce();
      f.clock.advance(Duration.ofSeconds(5));
      engine.runOnce();
      List<NextRun> rows = f.nextRuns();
      assertThat(rows).hasSize(2);
      assertThat(rows)
          .filteredOn(n -> n.getTaskId() == daily)
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.getNextRun()).isEqualTo(LocalDateTime.of(2025, 3, 11, 10, 0));
                assertThat(n.getHeartbeatId()).isEqualTo(session.id());
                assertThat(n.getRunBy()).isEqualTo("alice");
              });
      assertThat(rows)
          .filteredOn(n -> n.getTaskId() == hourly)
          .singleElement()
          .extracting(NextRun::getNextRun)
          .isEqualTo(LocalDateTime.of(2025, 3, 10, 11, 0));

      f.update(daily, t -> t.setEnable(false));
      engine.runOnce();
      assertThat(f.nextRuns()).extracting(NextRun::getTaskId).containsExactly(hourly);
    }
  }

  @Test
  void aRunTheLauncherRefusesIsRecordedFailedWithTheReason() throws Exception {
    try (Fixture f = fixture(Kind.H2)) {
      int id = f.add("x.py", "minutes", "5").getId();
      f.launcher.failWith(new UnsupportedOperationException("no launcher"));
      f.readySession().engine().runOnce();
      assertThat(f.runs(id, "Failed"))
          .singleElement()
          .extracting(Run::getReason)
          .asString()
          .contains("no launcher");
    }
  }
}
