package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.taskscheduler.heartbeat.Heartbeat;
import com.taskscheduler.heartbeat.Liveness;
import com.taskscheduler.run.Run;
import com.taskscheduler.schedule.NextRun;
import com.taskscheduler.task.Task;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Only downtime leaves slots owed (SPEC §3 catch-up): slots that passed while a task was disabled
 * or had another schedule, or while another session of the identity was the one scheduling, are
 * neither run late nor recorded Missed. And a session's published next runs leave with it.
 */
class NotOwedSlotsTest {
  private static final Instant START = Fixture.START; // 09:00 in Berlin

  @TempDir Path home;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTaskDisabledForHalfAnHourWhileTheSchedulerRanGoesOnWithItsCadenceWhenEnabled(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task task = f.add("minutely.py", "minutes", "1");
      Engine engine = f.readySession().engine();
      engine.runOnce(); // its first fire, at START
      f.update(task.getId(), t -> t.setEnable(false));
      for (int minute = 1; minute <= 30; minute++) {
        f.clock.set(START.plus(Duration.ofMinutes(minute)));
        engine.runOnce();
      }
      f.update(task.getId(), t -> t.setEnable(true));
      f.clock.set(START.plus(Duration.ofMinutes(30)).plusSeconds(10));

      Instant next = engine.runOnce();

      assertThat(f.runs(task.getId(), "Missed")).isEmpty();
      assertThat(f.launcher.launches()).hasSize(1);
      assertThat(next).isEqualTo(START.plus(Duration.ofMinutes(31)));
      f.clock.set(next);
      engine.runOnce();
      assertThat(f.launcher.launches())
          .extracting(l -> l.fireTime(), l -> l.trigger())
          .last()
          .isEqualTo(tuple(next, "schedule"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDailyTaskEnabledTwentyMinutesAfterTheSlotItWasDisabledForWaitsForTomorrow(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task daily = Fixture.task("daily.py", "day", "10:00"); // 09:00Z
      daily.setLastFireTime(Instant.parse("2025-03-09T09:00:00Z"));
      daily.setEnable(false);
      int id = f.tasks.insert(daily).getId();
      Engine engine = f.readySession().engine();
      for (Instant t = START;
          t.isBefore(Instant.parse("2025-03-10T09:20:00Z"));
          t = t.plus(Duration.ofMinutes(5))) {
        f.clock.set(t);
        engine.runOnce();
      }
      f.update(id, t -> t.setEnable(true));
      f.clock.set(Instant.parse("2025-03-10T09:20:00Z"));

      Instant next = engine.runOnce();

      assertThat(f.launcher.launches()).isEmpty();
      assertThat(f.runs(id, "Missed")).isEmpty();
      assertThat(next).isEqualTo(Instant.parse("2025-03-11T09:00:00Z"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void movingADailyTaskToATimeThatPassedEarlierTodayWaitsForThatTimeTomorrow(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task daily = Fixture.task("daily.py", "day", "09:00"); // 08:00Z
      daily.setLastFireTime(START); // it ran today
      int id = f.tasks.insert(daily).getId();
      Engine engine = f.readySession().engine();
      f.clock.set(Instant.parse("2025-03-10T10:30:00Z")); // 11:30 in Berlin
      engine.runOnce();
      f.update(id, t -> t.setAtTime("11:00"));
      f.clock.advance(Duration.ofSeconds(1));

      Instant next = engine.runOnce();

      assertThat(f.launcher.launches()).isEmpty();
      assertThat(f.runs(id, "Missed")).isEmpty();
      assertThat(next).isEqualTo(Instant.parse("2025-03-11T10:00:00Z"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void takingOverFromAPythonSchedulerThatRanTheTasksRunsNoneOfItsSlotsAgain(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task hourly = f.add("hourly.py", "every_day_hour", "");
      f.clock.set(START.minusSeconds(60));
      Session java = f.readySession();
      java.beat();
      java.pass();
      f.clock.set(START);
      java.pass();
      assertThat(f.launcher.launches()).hasSize(1);
      // A newer Python scheduler runs the identity from 09:10 to 12:02 in Berlin (its 10:00, 11:00
      // and 12:00 runs leave LastFireTime alone), then dies.
      String python = new BigInteger(java.id()).add(BigInteger.valueOf(600_000_000L)).toString();
      Instant lastBeat = Instant.parse("2025-03-10T11:02:00Z");
      for (Instant t = Instant.parse("2025-03-10T08:10:00Z");
          !t.isAfter(lastBeat);
          t = t.plus(Duration.ofMinutes(1))) {
        f.heartbeat(python, "Alice", t);
        f.clock.set(t);
        java.beat();
        assertThat(java.standby()).isTrue();
        java.pass();
      }
      f.clock.set(Instant.parse("2025-03-10T11:05:30Z"));
      java.beat();
      assertThat(java.standby()).isFalse();

      Instant next = java.engine().runOnce();

      assertThat(f.launcher.launches()).hasSize(1);
      assertThat(f.runs(hourly.getId(), "Missed")).isEmpty();
      assertThat(next).isEqualTo(Instant.parse("2025-03-10T12:00:00Z"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void slotsAfterThePreviousSessionsLastHeartbeatAreStillOwedAfterDowntime(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      int id = hourlyFiredAtStartNowHalfPastTen(f);
      f.heartbeat(
          "1741593600000000", "alice", START.plus(Duration.ofMinutes(5))); // down from 08:05Z

      passAndAssertTenCaughtUp(f, id, Instant.parse("2025-03-10T09:00:00Z"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSessionKilledBeforeItsFirstPassLeavesTheSlotsSinceTheOneBeforeItOwed(Kind kind)
      throws Exception {
    // As in the chaos run: a session heartbeats, takes over, and is killed before its engine
    // passes once. Its heartbeat says it lived, not that it ran the 09:00 slot.
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      int id = hourlyFiredAtStartNowHalfPastTen(f);
      f.ourHeartbeat("1741593600000000", "alice", START.plus(Duration.ofMinutes(5)), START);
      f.ourHeartbeat("1741599000000000", "alice", Instant.parse("2025-03-10T09:30:00Z"), null);

      passAndAssertTenCaughtUp(f, id, Instant.parse("2025-03-10T09:00:00Z"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSessionsHeartbeatsSayWhenItsEngineLastPassedAndNothingBeforeItsFirstPass(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      f.add("hourly.py", "every_day_hour", "");
      f.clock.set(START.plusSeconds(10));
      Session session = f.readySession();
      session.beat();
      session.pass();
      f.clock.set(START.plusSeconds(20));
      session.beat();

      List<Instant> passed =
          f.database.read(
              em ->
                  em
                      .createQuery(
                          "SELECT h FROM Heartbeat h WHERE h.sessionId = :id ORDER BY h.id",
                          Heartbeat.class)
                      .setParameter("id", session.id())
                      .getResultList()
                      .stream()
                      .map(Heartbeat::getPassedAt)
                      .toList());
      assertThat(passed).containsExactly(null, START.plusSeconds(10));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void slotsASessionOfOursHadPassedBeforeItDiedAreNotOwed(Kind kind) throws Exception {
    // The session had passed at 09:30 with the task disabled (so LastFireTime stayed at 08:00);
    // it was enabled before this session started. 09:00 was not missed: nothing was to run.
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      int id = hourlyFiredAtStartNowHalfPastTen(f);
      f.ourHeartbeat(
          "1741599000000000",
          "alice",
          Instant.parse("2025-03-10T09:30:05Z"),
          Instant.parse("2025-03-10T09:30:00Z"));

      // Half an hour late: caught up, as after any downtime, though no other slot was missed.
      passAndAssertTenCaughtUp(f, id);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSessionWhoseRowsANewerOneRemovedPublishesThemAgainWhenItTakesOver(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      f.add("daily.py", "day", "23:00");
      f.add("hourly.py", "every_day_hour", "");
      Session older = f.readySession();
      older.beat();
      older.pass();
      assertThat(f.nextRuns()).extracting(NextRun::getHeartbeatId).containsOnly(older.id());

      f.clock.advance(Duration.ofSeconds(1));
      Session newer = f.readySession();
      newer.beat();
      newer.pass();
      assertThat(f.nextRuns()).extracting(NextRun::getHeartbeatId).containsOnly(newer.id());
      older.beat();
      assertThat(older.standby()).isTrue();

      f.clock.advance(Liveness.SILENCE.plusSeconds(1));
      older.beat();
      older.pass();

      assertThat(older.standby()).isFalse();
      assertThat(f.nextRuns())
          .hasSize(2)
          .extracting(NextRun::getHeartbeatId)
          .containsOnly(older.id());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aStoppedSessionsNextRunsLeaveWithItAndTheNextSessionRemovesThoseADeadOneLeft(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of("TASK_SCHEDULER_POLL_SECONDS", "1"))) {
      f.add("daily.py", "day", "23:00");
      f.add("hourly.py", "every_day_hour", "");
      f.scheduler.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> f.nextRuns().size() == 2);
      f.scheduler.stop();
      assertThat(f.nextRuns()).isEmpty();

      // A server of this identity killed with -9 left its rows; another identity's stay.
      f.database.inTransaction(
          em -> {
            em.persist(nextRun("1741590000000000", "Alice", "TEST-HOST"));
            em.persist(nextRun("1741590000000001", "bob", "other-host"));
            return null;
          });
      f.scheduler.start();
      String session = f.scheduler.status().sessionId();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(f.nextRuns())
                      .extracting(NextRun::getHeartbeatId)
                      .containsExactlyInAnyOrder(session, session, "1741590000000001"));
      f.scheduler.stop();
    }
  }

  private static NextRun nextRun(String session, String runBy, String runHost) {
    NextRun row = new NextRun();
    row.setTaskId(999);
    row.setScriptName("gone.py");
    row.setScriptFolder("jobs");
    row.setRunBy(runBy);
    row.setRunHost(runHost);
    row.setNextRun(LocalDateTime.of(2025, 3, 10, 10, 0));
    row.setHeartbeatId(session);
    row.setInsertedAt(LocalDateTime.of(2025, 3, 10, 9, 0));
    return row;
  }

  /** An hourly task whose last fire was START (08:00Z); the clock is at 10:30Z, after downtime. */
  private static int hourlyFiredAtStartNowHalfPastTen(Fixture f) {
    Task hourly = Fixture.task("hourly.py", "every_day_hour", "");
    hourly.setLastFireTime(START);
    int id = f.tasks.insert(hourly).getId();
    f.clock.set(Instant.parse("2025-03-10T10:30:00Z"));
    return id;
  }

  /**
   * One pass of a session starting at 10:30Z: exactly {@code missed} are written Missed, and the
   * 10:00Z slot is launched once, as a catch-up.
   */
  private static void passAndAssertTenCaughtUp(Fixture f, int id, Instant... missed) {
    f.readySession().engine().runOnce();

    assertThat(f.runs(id, "Missed")).extracting(Run::getFireTime).containsExactly(missed);
    assertThat(f.launcher.launches())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.fireTime()).isEqualTo(Instant.parse("2025-03-10T10:00:00Z"));
              assertThat(l.trigger()).isEqualTo("catch-up");
            });
  }
}
