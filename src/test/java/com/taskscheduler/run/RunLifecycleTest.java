package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskscheduler.db.Database;
import com.taskscheduler.run.RunLifecycle.Ending;
import com.taskscheduler.run.RunLifecycle.Start;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The conditional transitions out of {@code Run}, on H2 and on a real PostgreSQL. */
class RunLifecycleTest {

  private static final Instant START = Instant.parse("2025-03-30T00:59:59.123Z");

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theFirstWriterWinsAndALaterOneKeepsTheFinalRowAsItIs(Kind kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      RunLifecycle lifecycle = new RunLifecycle(db);
      int id = insertRunning(db);

      assertThat(lifecycle.markStarted(List.of(new Start(id, START, "/out/1.log")))).isEmpty();
      Run lost =
          lifecycle
              .finish(id, new Ending(RunStatus.LOST, null, null, null, null, null, "died"))
              .orElseThrow();
      var late =
          lifecycle.finish(
              id,
              new Ending(
                  RunStatus.SUCCESS, START, "/out/1.log", START.plusSeconds(2), 0, 2000L, null));

      assertThat(lost.getStatus()).isEqualTo("Lost");
      assertThat(lost.getReason()).isEqualTo("died");
      assertThat(lost.getStartedAt()).isEqualTo(START);
      assertThat(late).isEmpty();
      assertThat(lifecycle.markStarted(List.of(new Start(id, START.plusSeconds(9), "/elsewhere"))))
          .containsExactly(id);
      Run stored = new RunRepository(db).find(id).orElseThrow();
      assertThat(stored.getStatus()).isEqualTo("Lost");
      assertThat(stored.getFinishedAt()).isNull();
      assertThat(stored.getExitCode()).isNull();
      assertThat(stored.getOutputPath()).isEqualTo("/out/1.log");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aBurstOfStartsIsRecordedTogetherAndARowAlreadyFinalisedIsLeftAlone(Kind kind)
      throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      RunLifecycle lifecycle = new RunLifecycle(db);
      int first = insertRunning(db);
      int finalised = insertRunning(db);
      int third = insertRunning(db);
      lifecycle.finish(finalised, new Ending(RunStatus.LOST, null, null, null, null, null, "died"));

      var notInRun =
          lifecycle.markStarted(
              List.of(
                  new Start(first, START, "/out/a.log"),
                  new Start(finalised, START, "/out/b.log"),
                  new Start(third, START.plusMillis(7), "/out/c.log")));

      assertThat(notInRun).containsExactly(finalised);
      RunRepository runs = new RunRepository(db);
      assertThat(runs.find(first).orElseThrow().getOutputPath()).isEqualTo("/out/a.log");
      assertThat(runs.find(third).orElseThrow().getStartedAt()).isEqualTo(START.plusMillis(7));
      assertThat(runs.find(finalised).orElseThrow().getStartedAt()).isNull();
      assertThat(runs.find(finalised).orElseThrow().getStatus()).isEqualTo("Lost");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCompletedRunKeepsEveryValueAndALongReasonIsShortenedToTheColumn(Kind kind)
      throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      int id = insertRunning(db);

      Run done =
          new RunLifecycle(db)
              .finish(
                  id,
                  new Ending(
                      RunStatus.TIMEOUT,
                      START,
                      "/out/2.log",
                      START.plusMillis(2500),
                      143,
                      2500L,
                      "x".repeat(5000)))
              .orElseThrow();

      assertThat(done.getStatus()).isEqualTo("Timeout");
      assertThat(done.getStartedAt()).isEqualTo(START);
      assertThat(done.getFinishedAt()).isEqualTo(START.plusMillis(2500));
      assertThat(done.getExitCode()).isEqualTo(143);
      assertThat(done.getDurationMs()).isEqualTo(2500L);
      assertThat(done.getOutputPath()).isEqualTo("/out/2.log");
      assertThat(done.getReason()).hasSize(RunLifecycle.REASON_LENGTH).endsWith("…");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRunCannotBeMovedToAStateThatIsOnlyEverWrittenFinal(Kind kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      int id = insertRunning(db);
      RunLifecycle lifecycle = new RunLifecycle(db);

      assertThatThrownBy(
              () ->
                  lifecycle.finish(
                      id, new Ending(RunStatus.SKIPPED, null, null, START, null, null, "busy")))
          .isInstanceOf(IllegalStateException.class);

      assertThat(new RunRepository(db).find(id).orElseThrow().getStatus()).isEqualTo("Run");
    }
  }

  private static int insertRunning(Database db) {
    Run run = new Run();
    run.setScriptFile("job.py");
    run.setStatus(RunStatus.RUN);
    run.setSessionId("From_Java_Scheduler");
    run.setProd(true);
    run.setHeartbeatId("1759476323123456");
    run.setInsertedAt(LocalDateTime.of(2025, 3, 30, 1, 59, 59));
    run.setInsertedBy("Alice");
    run.setInsertedHost("test-host");
    run.setTaskId(1);
    run.setFireTime(START);
    run.setTriggeredBy(Trigger.MANUAL);
    return db.inTransaction(
            em -> {
              em.persist(run);
              return run;
            })
        .getId();
  }
}
