package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.run.Run;
import com.taskscheduler.task.Task;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scheduled fires are claimed a {@link ClaimLead} before their instant, so at the instant only the
 * process starts; every rule that used to be decided at the instant still is.
 */
class ClaimAheadTest {
  @TempDir Path home;

  static final Instant START = Fixture.START;
  static final Instant NEXT = START.plusSeconds(60);

  /** A fixture over a fresh database of this kind; the prepared-process variant overrides it. */
  Fixture fixture(Kind kind) throws Exception {
    return new Fixture(kind, home, Map.of());
  }

  /** A per-minute task that fired at START; the clock is then one minimal lead before NEXT. */
  private static Task firedOnce(Fixture f, Engine engine) {
    Task task = f.add("minutely.py", "minutes", "1");
    engine.runOnce();
    f.clock.set(NEXT.minus(ClaimLead.MIN));
    return task;
  }

  /** The same task, its NEXT fire claimed ahead (one pass at the claim point). */
  static Task claimedAhead(Fixture f, Engine engine) {
    Task task = firedOnce(f, engine);
    engine.runOnce();
    return task;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFireDueWithinTheLeadIsWrittenAheadAndItsProcessStartsOnlyAtItsInstant(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = firedOnce(f, engine);

      assertThat(engine.runOnce()).isEqualTo(NEXT);
      // A moment before the instant, to be on time for it (Engine.STAGE_AHEAD).
      assertThat(engine.wakeAt()).isEqualTo(NEXT.minus(Engine.stageAhead(1)));
      assertThat(f.launcher.launches()).hasSize(1);
      Run claimed = f.runs().get(1);
      assertThat(claimed.getStatus()).isEqualTo("Run");
      assertThat(claimed.getFireTime()).isEqualTo(NEXT);
      assertThat(claimed.getStartedAt()).isNull();
      assertThat(claimed.getTriggeredBy()).isEqualTo("schedule");
      // The row belongs in the log at its fire time, not at the moment it was claimed.
      assertThat(claimed.getInsertedAt()).isEqualTo(LocalDateTime.of(2025, 3, 10, 9, 1));
      assertThat(f.reload(task).getLastFireTime()).isEqualTo(NEXT);

      f.clock.set(NEXT.minusMillis(1));
      engine.runOnce();
      assertThat(f.launcher.launches()).hasSize(1);

      f.clock.set(NEXT);
      assertThat(engine.runOnce()).isEqualTo(NEXT.plusSeconds(60));
      assertThat(f.launcher.launches()).hasSize(2);
      assertThat(f.launcher.launches().get(1).runId()).isEqualTo(claimed.getId());
      assertThat(f.launcher.launches().get(1).fireTime()).isEqualTo(NEXT);
      assertThat(f.runs()).hasSize(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void withNothingWithinTheLeadTheLoopWakesToClaimOneLeadBeforeTheNextFire(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      f.add("minutely.py", "minutes", "1");
      assertThat(engine.runOnce()).isEqualTo(NEXT);
      assertThat(engine.wakeAt()).isBetween(NEXT.minus(ClaimLead.MAX), NEXT.minus(ClaimLead.MIN));
      assertThat(f.runs()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFireClaimedAheadIsSkippedIfThePreviousRunStillRunsAtItsInstant(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      f.launcher.running(task.getId(), true);

      f.clock.set(NEXT.plusMillis(1));
      engine.runOnce();

      assertThat(f.launcher.launches()).hasSize(1);
      List<Run> skipped = f.runs(task.getId(), "Skipped");
      assertThat(skipped).singleElement().extracting(Run::getFireTime).isEqualTo(NEXT);
      assertThat(skipped.get(0).getReason()).isEqualTo(Engine.PREVIOUS_STILL_RUNNING);
      assertThat(skipped.get(0).getStartedAt()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRunStillGoingWhenTheFireIsClaimedDoesNotSkipItIfItEndsBeforeTheInstant(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = firedOnce(f, engine);
      f.launcher.running(task.getId(), true);
      engine.runOnce();
      f.launcher.running(task.getId(), false);

      f.clock.set(NEXT);
      engine.runOnce();

      assertThat(f.launcher.launches()).extracting(l -> l.fireTime()).containsExactly(START, NEXT);
      assertThat(f.runs(task.getId(), "Skipped")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stoppingBeforeTheInstantReleasesTheClaimAndTheNextSchedulerRunsTheFire(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      assertThat(f.runs()).hasSize(2);

      engine.close();

      assertThat(f.runs()).extracting(Run::getFireTime).containsExactly(START);
      assertThat(f.reload(task).getLastFireTime()).isEqualTo(START);
      assertThat(fireClaims(f)).isEqualTo(1);
      // Started again (a new session) at the instant: the fire runs, once, on time.
      f.clock.set(NEXT);
      Engine again = f.readySession().engine();
      again.runOnce();
      assertThat(f.launcher.launches())
          .extracting(l -> l.fireTime() + " " + l.trigger())
          .containsExactly(START + " schedule", NEXT + " schedule");
      assertThat(f.runs()).hasSize(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aNeverFiredTaskClaimedAheadGetsItsEmptyAnchorBackWhenReleased(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Task task = f.add("daily.py", "day", "09:01"); // 08:01Z, a minute after START
      Engine engine = f.readySession().engine();
      engine.runOnce();
      f.clock.set(NEXT.minusMillis(50));
      engine.runOnce();
      assertThat(f.reload(task).getLastFireTime()).isEqualTo(NEXT);

      engine.close();

      assertThat(f.runs()).isEmpty();
      assertThat(f.reload(task).getLastFireTime()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTaskDisabledBeforeItsInstantIsNotStartedAndLeavesNoRow(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      f.update(task.getId(), t -> t.setEnable(false));

      f.clock.set(NEXT.minusMillis(50));
      engine.runOnce();
      f.clock.set(NEXT);
      engine.runOnce();

      assertThat(f.launcher.launches()).hasSize(1);
      assertThat(f.runs()).extracting(Run::getFireTime).containsExactly(START);
      assertThat(f.reload(task).getLastFireTime()).isEqualTo(START);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTaskRescheduledBeforeItsInstantFiresOnItsNewScheduleOnly(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      f.update(task.getId(), t -> t.setAtTime("2"));

      f.clock.set(NEXT.minusMillis(50));
      assertThat(engine.runOnce()).isEqualTo(START.plusSeconds(120));
      f.clock.set(NEXT);
      engine.runOnce();

      assertThat(f.launcher.launches()).hasSize(1);
      assertThat(f.runs()).extracting(Run::getFireTime).containsExactly(START);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aScriptEditedBeforeTheInstantStartsAsEdited(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      f.update(task.getId(), t -> t.setScriptName("renamed.py"));
      f.clock.set(NEXT.minusMillis(50));
      engine.runOnce();
      f.clock.set(NEXT);
      engine.runOnce();
      assertThat(f.launcher.launches()).hasSize(2);
      assertThat(f.launcher.scripts()).containsExactly("minutely.py", "renamed.py");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSessionThatStandsByAfterClaimingStillStartsWhatItClaimed(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Session session = f.readySession();
      Task task = firedOnce(f, session.engine());
      assertThat(session.pass()).isEqualTo(NEXT.minus(Engine.stageAhead(1)));
      String newer = new BigInteger(session.id()).add(BigInteger.ONE).toString();
      f.heartbeat(newer, "alice", f.clock.instant());
      session.checkStandby(f.clock.instant());
      assertThat(session.mayLaunch()).isFalse();

      f.clock.set(NEXT);
      assertThat(session.pass()).isNull();

      assertThat(f.launcher.launches()).extracting(l -> l.fireTime()).containsExactly(START, NEXT);
      assertThat(f.reload(task).getLastFireTime()).isEqualTo(NEXT);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aBurstOfAHundredDueAtOneInstantIsClaimedAheadAndAllStartAtThatInstant(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Task task = Fixture.task("job" + i + ".py", "minutes", "1");
        task.setLastFireTime(START);
        ids.add(f.tasks.insert(task).getId());
      }
      Engine engine = f.readySession().engine();
      // A hundred claims need a longer lead than one: the loop comes back earlier for them.
      engine.runOnce();
      Instant claimPoint = engine.wakeAt();
      assertThat(claimPoint).isBefore(NEXT.minus(new ClaimLead().lead(1)));
      f.clock.set(claimPoint);
      engine.runOnce();
      assertThat(f.runs()).hasSize(100).allMatch(r -> r.getStartedAt() == null);
      assertThat(f.launcher.launches()).isEmpty();

      f.clock.set(NEXT);
      engine.runOnce();

      assertThat(f.launcher.launches())
          .hasSize(100)
          .allMatch(l -> l.fireTime().equals(NEXT) && l.trigger().equals("schedule"));
      assertThat(f.launcher.launches())
          .extracting(RecordingLauncher.Launch::taskId)
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThat(f.runs()).hasSize(100);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void runNowInTheLeadStartsAtOnceAndTheClaimedFireIsSkippedIfThatRunStillGoes(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      assertThat(engine.runNow(f.reload(task))).contains(SchedulerControl.RunNowOutcome.STARTED);
      f.launcher.running(task.getId(), true);
      f.clock.set(NEXT);
      engine.runOnce();
      assertThat(f.launcher.launches())
          .extracting(RecordingLauncher.Launch::trigger)
          .containsExactly("schedule", "manual");
      assertThat(f.runs(task.getId(), "Skipped"))
          .extracting(Run::getFireTime)
          .containsExactly(NEXT);
    }
  }

  private static long fireClaims(Fixture f) {
    return f.database.read(
        em -> em.createQuery("SELECT COUNT(c) FROM FireClaim c", Long.class).getSingleResult());
  }
}
