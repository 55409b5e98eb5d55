package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.heartbeat.Heartbeat;
import com.taskscheduler.run.Run;
import com.taskscheduler.run.RunStatus;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Single instance per identity (newest session wins) and runs of dead sessions marked Lost. */
class StandbyAndLostRunsTest {
  @TempDir Path home;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aNewerPythonSessionHeartbeatingPutsUsOnStandbyUntilItGoesSilent(Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      int id = f.add("every.py", "minutes", "1").getId();
      Session session = f.scheduler.newSession();
      String newer = new BigInteger(session.id()).add(BigInteger.valueOf(5_000_000)).toString();
      // The Python tool writes the OS user as the OS gives it and its own session id.
      f.heartbeat(newer, "ALICE", f.clock.instant().minusSeconds(30));
      session.beat();
      assertThat(session.standby()).isTrue();
      assertThat(session.pass()).isNull();
      assertThat(f.launcher.launches()).isEmpty();
      assertThat(f.scheduler.recentLog(20))
          .anySatisfy(l -> assertThat(l.message()).startsWith("Standing by").contains(newer));

      // It keeps heartbeating for a while: still standby, and our heartbeats keep going.
      f.clock.advance(Duration.ofMinutes(2));
      f.heartbeat(newer, "ALICE", f.clock.instant());
      session.beat();
      assertThat(session.standby()).isTrue();

      // Silent: 3 minutes after its last heartbeat we take over.
      f.clock.advance(Duration.ofMinutes(2));
      session.beat();
      assertThat(session.standby()).isTrue();
      f.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
      session.beat();
      assertThat(session.standby()).isFalse();
      session.pass();
      assertThat(f.launcher.launches()).extracting(l -> l.taskId()).containsExactly(id);
      List<Heartbeat> ours =
          f.database.read(
              em ->
                  em.createQuery(
                          "SELECT h FROM Heartbeat h WHERE h.sessionId = :s", Heartbeat.class)
                      .setParameter("s", session.id())
                      .getResultList());
      assertThat(ours).hasSize(4).allMatch(h -> h.getInsertedBy().equals("Alice"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anOlderSessionOrAnotherIdentityDoesNotPutUsOnStandby(Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Session session = f.scheduler.newSession();
      String older = new BigInteger(session.id()).subtract(BigInteger.TEN).toString();
      String newer = new BigInteger(session.id()).add(BigInteger.TEN).toString();
      f.heartbeat(older, "alice", f.clock.instant());
      f.heartbeat(newer, "bob", f.clock.instant());
      session.beat();
      assertThat(session.standby()).isFalse();
      assertThat(session.mayLaunch()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void runsLeftRunningByADeadSessionAreMarkedLostButLiveAndPythonRunsAreNot(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      int id = f.add("job.py", "minutes", "1").getId();
      // A session of ours that died: its run stays Run, its last heartbeat is old.
      Session dead = f.readySession();
      dead.beat();
      dead.engine().runOnce();
      // A live racing session of the same identity with a run in progress.
      f.clock.advance(Duration.ofMinutes(10));
      Session live = f.readySession();
      live.beat();
      live.engine().runOnce();
      // A Python run: no TaskID.
      f.database.inTransaction(
          em -> {
            Run python = new Run();
            python.setScriptFile("legacy.py");
            python.setStatus(RunStatus.RUN);
            python.setSessionId("From_Python_Scheduler");
            python.setHeartbeatId("1000");
            python.setInsertedBy("Alice");
            python.setInsertedHost("test-host");
            python.setInsertedAt(f.timestamps.toLegacy(Fixture.START));
            em.persist(python);
            return null;
          });
      f.clock.advance(Duration.ofMinutes(1));
      Session restarted = f.readySession();
      restarted.beat();

      List<Run> runs = f.runs();
      assertThat(runs)
          .filteredOn(r -> dead.id().equals(r.getHeartbeatId()))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getStatus()).isEqualTo("Lost");
                // Marked by the first session of the identity to beat after it went silent.
                assertThat(r.getFinishedAt()).isEqualTo(Fixture.START.plus(Duration.ofMinutes(10)));
                assertThat(r.getReason()).contains("heartbeat");
              });
      assertThat(runs)
          .filteredOn(r -> live.id().equals(r.getHeartbeatId()) && !"Missed".equals(r.getStatus()))
          .singleElement()
          .extracting(Run::getStatus)
          .isEqualTo("Run");
      assertThat(runs)
          .filteredOn(r -> r.getTaskId() == null)
          .singleElement()
          .extracting(Run::getStatus)
          .isEqualTo("Run");
      assertThat(id).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void retentionPurgesOldRowsInBatchesAndKeepsCurrentOnes(Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of("TASK_SCHEDULER_LOG_RETENTION_DAYS", "90"))) {
      Instant old = Fixture.START.minus(Duration.ofDays(100));
      f.database.inTransaction(
          em -> {
            for (int i = 0; i < Retention.BATCH + 20; i++) {
              em.persist(
                  new Heartbeat("1", false, f.timestamps.toLegacy(old), "alice", "test-host"));
              Run run = new Run();
              run.setScriptFile("old.py");
              run.setStatus(RunStatus.SUCCESS);
              run.setInsertedAt(f.timestamps.toLegacy(old));
              em.persist(run);
            }
            return null;
          });
      f.heartbeat("2", "alice", Fixture.START.minus(Duration.ofDays(1)));
      f.add("weekly.py", "monday", "06:00");
      Session session = f.readySession();
      session.engine().runOnce();
      // Our published row is older than the retention, but it is current: kept and refreshed.
      f.clock.advance(Duration.ofDays(8));
      f.dataSource.resetStatements();
      session.beat();
      assertThat(f.nextRuns()).hasSize(1);
      assertThat(f.runs()).isEmpty();
      long heartbeats =
          f.database.read(
              em ->
                  em.createQuery("SELECT COUNT(h) FROM Heartbeat h", Long.class).getSingleResult());
      // The day-old one (now 9 days) and ours survive the 30-day retention.
      assertThat(heartbeats).isEqualTo(2);
      assertThat(f.scheduler.recentLog(5))
          .anySatisfy(
              l ->
                  assertThat(l.message())
                      .contains("purged " + (Retention.BATCH + 20) + " heartbeat"));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void onTheAutumnNightOurDeadNewerSessionIsGoneThreeMinutesAfterItsLastHeartbeat(Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind, home, Map.of())) {
      Session ours = f.readySession();
      String newer = new BigInteger(ours.id()).add(BigInteger.TEN).toString();
      // Berlin, 2025-10-26: 03:00 CEST becomes 02:00 CET at 01:00Z. The newer session beats from
      // 00:00Z (02:00 CEST) to 01:20Z (02:20 CET), through both passes of 02:00-03:00, and dies.
      for (Instant t = Instant.parse("2025-10-26T00:00:00Z");
          !t.isAfter(Instant.parse("2025-10-26T01:20:00Z"));
          t = t.plus(Duration.ofMinutes(1))) {
        f.ourHeartbeat(newer, "alice", t);
      }
      int task = f.add("long.py", "day", "23:00").getId();
      f.database.inTransaction(
          em -> {
            Run run = new Run();
            run.setTaskId(task);
            run.setStatus(RunStatus.RUN);
            run.setHeartbeatId(newer);
            run.setInsertedBy("Alice");
            run.setInsertedHost("test-host");
            run.setInsertedAt(f.timestamps.toLegacy(Instant.parse("2025-10-26T01:10:00Z")));
            em.persist(run);
            return null;
          });
      f.clock.set(Instant.parse("2025-10-26T01:22:00Z"));
      ours.checkStandby(f.clock.instant());
      assertThat(ours.standby()).isTrue();

      // Its 02:21-02:59 CEST heartbeats read as later than 02:21 CET: they are an hour old.
      f.clock.set(Instant.parse("2025-10-26T01:24:00Z"));
      ours.checkStandby(f.clock.instant());
      assertThat(ours.standby()).isFalse();
      assertThat(
              new LostRuns(f.database, f.config, f.timestamps)
                  .markLost(ours.id(), f.clock.instant()))
          .isEqualTo(1);
    }
  }
}
