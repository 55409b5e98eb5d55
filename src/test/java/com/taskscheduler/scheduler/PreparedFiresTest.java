package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.run.Run;
import com.taskscheduler.task.Task;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With a launcher that prepares processes ahead (as the real one does), every claim-ahead rule
 * holds as it does without (the inherited scenarios), and what is prepared is either started at the
 * instant or cancelled, once.
 */
class PreparedFiresTest extends ClaimAheadTest {

  private final List<RecordingLauncher> launchers = new ArrayList<>();

  @Override
  Fixture fixture(Kind kind) throws Exception {
    Fixture f = super.fixture(kind);
    f.launcher.preparing(true, () -> {});
    launchers.add(f.launcher);
    return f;
  }

  /** Runs after the fixture closed its engines: nothing prepared may be left waiting. */
  @AfterEach
  void everyPreparedRunWasEitherStartedOrCancelledOnce() {
    for (RecordingLauncher launcher : launchers) {
      List<Integer> used = new ArrayList<>(launcher.startedPrepared());
      used.addAll(launcher.cancelled());
      assertThat(used).containsExactlyInAnyOrderElementsOf(launcher.prepared());
    }
  }

  private static int claimedRun(Fixture f) {
    return f.runs().stream().filter(r -> r.getFireTime().equals(NEXT)).findFirst().get().getId();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFireClaimedAheadIsPreparedWithItsClaimAndStartedFromThatAtItsInstant(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      claimedAhead(f, engine);
      int run = claimedRun(f);
      assertThat(f.launcher.prepared()).containsExactly(run);
      assertThat(f.launcher.startedPrepared()).isEmpty();

      f.clock.set(NEXT.minusMillis(1));
      engine.runOnce();
      assertThat(f.launcher.startedPrepared()).isEmpty();

      f.clock.set(NEXT);
      engine.runOnce();
      assertThat(f.launcher.startedPrepared()).containsExactly(run);
      assertThat(f.launcher.launches()).extracting(l -> l.runId()).endsWith(run);
      assertThat(f.launcher.cancelled()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aPreparedFireIsStagedAMomentBeforeItsInstantAndStartedOnlyAtIt(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      claimedAhead(f, engine);
      int run = claimedRun(f);
      f.clock.set(NEXT.minusMillis(50));
      engine.runOnce();
      assertThat(f.launcher.staged()).isEmpty();

      f.clock.set(engine.wakeAt());
      engine.runOnce(); // stages, waits for a clock that does not move here, starts nothing
      assertThat(f.launcher.staged()).containsExactly(run);
      assertThat(f.launcher.startedPrepared()).isEmpty();

      f.clock.set(NEXT);
      engine.runOnce();
      assertThat(f.launcher.startedPrepared()).containsExactly(run);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aStagedFireIsStillCancelledWhenItsTaskIsDisabledBeforeItsInstant(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      int run = claimedRun(f);
      f.clock.set(NEXT.minus(Engine.stageAhead(1)));
      engine.runOnce();
      assertThat(f.launcher.staged()).containsExactly(run);

      disableAndPassUntilTheInstant(f, engine, task, NEXT.minusMillis(1));

      assertThat(f.launcher.cancelled()).containsExactly(run);
      assertThat(f.launcher.startedPrepared()).isEmpty();
    }
  }

  /** Disables the task, then passes once at {@code before} and once at the instant. */
  private static void disableAndPassUntilTheInstant(
      Fixture f, Engine engine, Task task, Instant before) {
    f.update(task.getId(), t -> t.setEnable(false));
    f.clock.set(before);
    engine.runOnce();
    f.clock.set(NEXT);
    engine.runOnce();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aPreparedFireIsCancelledWhenItsTaskIsDisabledBeforeItsInstant(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      int run = claimedRun(f);

      disableAndPassUntilTheInstant(f, engine, task, NEXT.minusMillis(50));

      assertThat(f.launcher.cancelled()).containsExactly(run);
      assertThat(f.launcher.startedPrepared()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aPreparedFireIsCancelledWhenTheEngineStopsBeforeItsInstant(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      claimedAhead(f, engine);
      int run = claimedRun(f);

      engine.close();

      assertThat(f.launcher.cancelled()).containsExactly(run);
      assertThat(f.runs()).extracting(Run::getFireTime).containsExactly(START);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aPreparedFireSkippedBecauseThePreviousRunStillRunsIsCancelled(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      Engine engine = f.readySession().engine();
      Task task = claimedAhead(f, engine);
      int run = claimedRun(f);
      f.launcher.running(task.getId(), true);

      f.clock.set(NEXT);
      engine.runOnce();

      assertThat(f.launcher.cancelled()).containsExactly(run);
      assertThat(f.runs(task.getId(), "Skipped")).extracting(Run::getId).containsExactly(run);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void atMostTheCapIsPreparedAndTheRestOfABurstStartsTheUsualWayAtTheSameInstant(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      int tasks = Engine.MAX_PREPARED + 20;
      for (int i = 0; i < tasks; i++) {
        Task task = Fixture.task("job" + i + ".py", "minutes", "1");
        task.setLastFireTime(START);
        f.tasks.insert(task);
      }
      Engine engine = f.readySession().engine();
      engine.runOnce();
      f.clock.set(engine.wakeAt());
      engine.runOnce();
      assertThat(f.runs()).hasSize(tasks);
      assertThat(f.launcher.prepared()).hasSize(Engine.MAX_PREPARED);

      f.clock.set(NEXT);
      engine.runOnce();

      assertThat(f.launcher.launches()).hasSize(tasks).allMatch(l -> l.fireTime().equals(NEXT));
      assertThat(f.launcher.startedPrepared()).hasSize(Engine.MAX_PREPARED);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void preparingStopsShortOfTheEarliestInstantAndTheRestStartTheUsualWay(Kind kind)
      throws Exception {
    try (Fixture f = fixture(kind)) {
      for (int i = 0; i < 10; i++) {
        Task task = Fixture.task("job" + i + ".py", "minutes", "1");
        task.setLastFireTime(START);
        f.tasks.insert(task);
      }
      // Each process takes 30 ms to make; the claims are made 100 ms before the instant.
      f.launcher.preparing(true, () -> f.clock.set(f.clock.instant().plusMillis(30)));
      Engine engine = f.readySession().engine();
      engine.runOnce();
      f.clock.set(NEXT.minus(ClaimLead.MIN));
      engine.runOnce();

      assertThat(f.runs()).hasSize(10);
      assertThat(f.launcher.prepared()).hasSize(3);
      assertThat(f.clock.instant()).isBefore(NEXT);

      f.clock.set(NEXT);
      engine.runOnce();
      assertThat(f.launcher.launches()).hasSize(10);
      assertThat(f.launcher.startedPrepared()).hasSize(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFailureWhilePreparingLeavesTheFireToStartTheUsualWay(Kind kind) throws Exception {
    try (Fixture f = fixture(kind)) {
      AtomicInteger attempts = new AtomicInteger();
      f.launcher.preparing(
          true,
          () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("no more processes");
          });
      Engine engine = f.readySession().engine();
      claimedAhead(f, engine);
      int run = claimedRun(f);
      assertThat(attempts).hasValue(1);
      assertThat(f.launcher.prepared()).isEmpty();

      f.clock.set(NEXT);
      engine.runOnce();

      assertThat(f.launcher.launches()).extracting(l -> l.runId()).endsWith(run);
      assertThat(f.runs()).hasSize(2);
    }
  }
}
