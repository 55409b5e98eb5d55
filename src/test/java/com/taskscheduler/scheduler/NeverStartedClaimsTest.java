package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.run.Run;
import com.taskscheduler.task.Task;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scheduler killed between claiming a fire ahead and its instant never starts it. Once that
 * session's silence proves it dead, a live session of the identity catches the fire up under the
 * catch-up rule, or it is marked Lost like any run of a dead session.
 */
class NeverStartedClaimsTest {
  @TempDir Path home;

  private static final Instant START = Fixture.START;
  private static final Instant NEXT = START.plusSeconds(60); // 09:01 Berlin
  private static final Instant SILENT = START.plus(Duration.ofMinutes(3)).plusSeconds(1);

  /** A daily task whose 09:01 fire a session claims ahead and then dies with, never started. */
  private static Run claimedByADeadSession(Fixture f, Task task) {
    Session dead = f.readySession();
    dead.beat();
    dead.engine().runOnce();
    f.clock.set(NEXT.minus(ClaimLead.MIN));
    dead.engine().runOnce();
    assertThat(f.launcher.launches()).isEmpty();
    return f.runs(task.getId(), "Run").get(0);
  }

  /** Once the dead session is proven dead, a live one marks its claim Lost and runs nothing. */
  private static void assertMarkedLostNotCaughtUp(Fixture f, Task task) {
    f.clock.set(SILENT);
    Session restarted = f.readySession();
    restarted.beat();

    assertThat(f.launcher.launches()).isEmpty();
    assertThat(f.runs(task.getId(), "Lost")).singleElement();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aLiveSessionCatchesTheFireUpOnceTheDeadSessionHasBeenSilentForThreeMinutes(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task task = f.add("daily.py", "day", "09:01");
      Run claimed = claimedByADeadSession(f, task);

      f.clock.set(NEXT.plusSeconds(30));
      Session restarted = f.readySession();
      restarted.beat();
      restarted.engine().runOnce();
      assertThat(f.launcher.launches()).as("not proven dead yet").isEmpty();

      f.clock.set(SILENT);
      restarted.beat();

      assertThat(f.launcher.launches())
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.runId()).isEqualTo(claimed.getId());
                assertThat(l.fireTime()).isEqualTo(NEXT);
                assertThat(l.trigger()).isEqualTo("catch-up");
                assertThat(l.session()).isEqualTo(restarted.id());
              });
      Run row = f.runs(task.getId(), "Run").get(0);
      assertThat(row.getHeartbeatId()).isEqualTo(restarted.id());
      assertThat(row.getReason()).contains("stopped before its fire time");
      assertThat(f.runs(task.getId(), "Lost")).isEmpty();
      assertThat(f.runs()).hasSize(1);

      restarted.beat();
      assertThat(f.launcher.launches()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRunWhoseOutputFileExistsMayHaveStartedAndIsOnlyMarkedLost(Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task task = f.add("daily.py", "day", "09:01");
      Run claimed = claimedByADeadSession(f, task);
      Files.createDirectories(f.config.outputDir());
      Files.writeString(f.config.outputDir().resolve(claimed.getId() + ".log"), "started\n");

      assertMarkedLostNotCaughtUp(f, task);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFireThatIsNoLongerTheTasksLatestIsMarkedLostNotCaughtUp(Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task task = f.add("minutely.py", "minutes", "1");
      Session dead = f.readySession();
      dead.beat();
      dead.engine().runOnce(); // fires at START
      f.clock.set(NEXT.minus(ClaimLead.MIN));
      dead.engine().runOnce(); // claims NEXT, then dies

      Session restarted = f.readySession();
      for (Instant t = NEXT.plusSeconds(60); t.isBefore(SILENT); t = t.plusSeconds(60)) {
        f.clock.set(t);
        restarted.engine().runOnce();
      }
      f.clock.set(SILENT);
      restarted.beat();

      List<Run> lost = f.runs(task.getId(), "Lost");
      assertThat(lost).extracting(Run::getFireTime).containsExactly(START, NEXT);
      assertThat(f.launcher.launches())
          .extracting(RecordingLauncher.Launch::fireTime)
          .doesNotContain(NEXT);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFireOlderThanTheCatchUpGraceIsMarkedLostNotCaughtUp(Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task daily = Fixture.task("daily.py", "day", "09:01");
      daily.setCatchUpGraceMinutes(1);
      Task task = f.tasks.insert(daily);
      claimedByADeadSession(f, task);

      assertMarkedLostNotCaughtUp(f, task);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSessionStandingByLeavesTheFireToTheNewerOne(Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Task task = f.add("daily.py", "day", "09:01");
      claimedByADeadSession(f, task);
      f.clock.set(SILENT);
      Session older = f.readySession();
      Session newer = f.readySession();
      older.checkStandby(f.clock.instant());
      newer.beat();
      older.beat();
      assertThat(older.standby()).isTrue();
      older.beat();

      assertThat(f.launcher.launches())
          .extracting(RecordingLauncher.Launch::session)
          .containsExactly(newer.id());
    }
  }
}
