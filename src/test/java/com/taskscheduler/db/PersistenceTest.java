package com.taskscheduler.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.heartbeat.Heartbeat;
import com.taskscheduler.heartbeat.HeartbeatRepository;
import com.taskscheduler.run.Run;
import com.taskscheduler.run.RunRepository;
import com.taskscheduler.run.RunStatus;
import com.taskscheduler.run.Trigger;
import com.taskscheduler.schedule.NextRun;
import com.taskscheduler.schedule.NextRunRepository;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.time.Instant;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every entity and repository query, on H2 and on a real PostgreSQL. */
class PersistenceTest {

  private static Database open(Kind kind) throws Exception {
    return Database.open(TestDatabases.fresh(kind), null);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aNewDatabaseIsCreatedAndMigratedToTheLatestVersion(Kind kind) throws Exception {
    try (Database db = open(kind)) {
      assertThat(db.createdNow()).isTrue();
      assertThat(db.schemaVersion()).isEqualTo("10");
      assertThat(db.isReachable()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void openingTheSameDatabaseAgainChangesNothing(Kind kind) throws Exception {
    DataSource dataSource = TestDatabases.fresh(kind);
    try (Database first = Database.open(dataSource, null)) {
      new TaskRepository(first).insert(task("a.py", "alice", "host-1"));
    }
    try (Database second = Database.open(dataSource, null)) {
      assertThat(second.createdNow()).isFalse();
      assertThat(second.schemaVersion()).isEqualTo("10");
      assertThat(new TaskRepository(second).all()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void tasksRoundTripEveryColumn(Kind kind) throws Exception {
    try (Database db = open(kind)) {
      TaskRepository tasks = new TaskRepository(db);
      Task task = task("load_prices.py", "david", "QUANT-PC-07");
      task.setRessource("big-box");
      task.setComment("before the open <b>bold</b> 'quoted' ünïcödé");
      task.setTimeoutSeconds(120);
      task.setCatchUpGraceMinutes(30);
      Instant fired = Instant.parse("2025-10-26T00:30:00.123Z");
      task.setLastFireTime(fired);
      int id = tasks.insert(task).getId();

      Task read = tasks.find(id).orElseThrow();
      assertThat(read.getScriptName()).isEqualTo("load_prices.py");
      assertThat(read.getScriptFolder()).isEqualTo("market_data");
      assertThat(read.getEvery()).isEqualTo("weekday");
      assertThat(read.getAtTime()).isEqualTo("07:45");
      assertThat(read.isEnabled()).isTrue();
      assertThat(read.isAsapRequested()).isFalse();
      assertThat(read.getRessource()).isEqualTo("big-box");
      assertThat(read.getComment()).isEqualTo("before the open <b>bold</b> 'quoted' ünïcödé");
      assertThat(read.getInsertedAt()).isEqualTo(LocalDateTime.of(2025, 10, 1, 9, 12, 44));
      assertThat(read.getTimeoutSeconds()).isEqualTo(120);
      assertThat(read.getCatchUpGraceMinutes()).isEqualTo(30);
      assertThat(read.getLastFireTime()).isEqualTo(fired);
      assertThat(tasks.find(id + 1000)).isEmpty();
      assertThat(tasks.count()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void tasksOfAnIdentityMatchUserAndHostCaseInsensitively(Kind kind) throws Exception {
    try (Database db = open(kind)) {
      TaskRepository tasks = new TaskRepository(db);
      tasks.insert(task("mine.py", "david", "QUANT-PC-07"));
      tasks.insert(task("also-mine.py", "David", "quant-pc-07"));
      tasks.insert(task("other-host.py", "david", "QUANT-SRV-01"));
      tasks.insert(task("other-user.py", "jane", "QUANT-PC-07"));

      assertThat(tasks.forIdentity("DAVID", "Quant-PC-07"))
          .extracting(Task::getScriptName)
          .containsExactly("mine.py", "also-mine.py");
      assertThat(tasks.all()).hasSize(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void runsRoundTripAndComeNewestFirst(Kind kind) throws Exception {
    try (Database db = open(kind)) {
      RunRepository runs = new RunRepository(db);
      Instant fire = Instant.parse("2025-03-30T01:00:00Z");
      for (int minute = 0; minute < 5; minute++) {
        Run run = run("job.py", LocalDateTime.of(2025, 10, 3, 7, minute));
        run.setTaskId(7);
        run.setFireTime(fire.plusSeconds(60L * minute));
        run.setStartedAt(fire.plusSeconds(60L * minute).plusMillis(3));
        run.setFinishedAt(fire.plusSeconds(60L * minute + 2));
        run.setExitCode(minute);
        run.setDurationMs(1997L);
        run.setTriggeredBy(Trigger.SCHEDULE);
        run.setOutputPath("/tmp/out/" + minute + ".log");
        insert(db, run);
      }

      var newest = runs.newest(3);
      assertThat(newest).extracting(Run::getExitCode).containsExactly(4, 3, 2);
      Run first = newest.get(0);
      assertThat(first.getStatus()).isEqualTo("Success");
      assertThat(first.getFireTime()).isEqualTo(fire.plusSeconds(240));
      assertThat(first.getStartedAt()).isEqualTo(fire.plusSeconds(240).plusMillis(3));
      assertThat(first.getTriggeredBy()).isEqualTo("schedule");
      assertThat(runs.find(first.getId())).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theLegacyLogTableRejectsNoRowSoPythonRowsAlwaysFit(Kind kind) throws Exception {
    try (Database db = open(kind)) {
      Instant fire = Instant.parse("2025-01-01T08:00:00Z");
      for (int i = 0; i < 2; i++) {
        Run run = run("a.py", LocalDateTime.of(2025, 1, 1, 9, 0));
        run.setTaskId(1);
        run.setFireTime(fire);
        run.setTriggeredBy(Trigger.SCHEDULE);
        insert(db, run);
      }
      // Rows of the Python tool leave our columns NULL; any number of them fit. The claim key
      // that refuses a second run of a fire lives in a table of our own (scheduler.FireClaim).
      insert(db, run("legacy.py", LocalDateTime.of(2025, 1, 1, 9, 0)));
      insert(db, run("legacy.py", LocalDateTime.of(2025, 1, 1, 9, 0)));
      assertThat(new RunRepository(db).newest(10)).hasSize(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theLastHeartbeatOfEachSchedulerIsReported(Kind kind) throws Exception {
    try (Database db = open(kind)) {
      HeartbeatRepository heartbeats = new HeartbeatRepository(db);
      heartbeats.insert(
          new Heartbeat("1", true, LocalDateTime.of(2025, 10, 3, 9, 0), "David", "PC-07"));
      heartbeats.insert(
          new Heartbeat("1", true, LocalDateTime.of(2025, 10, 3, 9, 25), "David", "PC-07"));
      heartbeats.insert(
          new Heartbeat("2", false, LocalDateTime.of(2025, 10, 3, 8, 0), "David", "PC-07"));
      heartbeats.insert(
          new Heartbeat("3", true, LocalDateTime.of(2025, 10, 2, 8, 0), "Jane", "SRV-01"));

      assertThat(heartbeats.lastPerScheduler())
          .containsExactly(
              new HeartbeatRepository.LastHeartbeat(
                  "David", "PC-07", true, LocalDateTime.of(2025, 10, 3, 9, 25)),
              new HeartbeatRepository.LastHeartbeat(
                  "David", "PC-07", false, LocalDateTime.of(2025, 10, 3, 8, 0)),
              new HeartbeatRepository.LastHeartbeat(
                  "Jane", "SRV-01", true, LocalDateTime.of(2025, 10, 2, 8, 0)));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void recentlyPublishedNextRunsComeSoonestFirst(Kind kind) throws Exception {
    try (Database db = open(kind)) {
      LocalDateTime now = LocalDateTime.of(2025, 10, 3, 9, 0);
      insert(db, nextRun("late.py", now.plusHours(2), now.minusMinutes(1)));
      insert(db, nextRun("soon.py", now.plusMinutes(5), now.minusMinutes(1)));
      insert(db, nextRun("stale.py", now.plusMinutes(1), now.minusDays(2)));

      assertThat(new NextRunRepository(db).publishedSince(now.minusDays(1), 10))
          .extracting(NextRun::getScriptName)
          .containsExactly("soon.py", "late.py");
    }
  }

  private static Task task(String script, String user, String host) {
    Task task = new Task();
    task.setEnable(true);
    task.setRunBy(user);
    task.setRunHost(host);
    task.setScriptName(script);
    task.setScriptFolder("market_data");
    task.setEvery("weekday");
    task.setAtTime("07:45");
    task.setToRunAsap(false);
    task.setInsertedAt(LocalDateTime.of(2025, 10, 1, 9, 12, 44));
    task.setInsertedBy("David");
    task.setInsertedHost(host);
    return task;
  }

  private static Run run(String script, LocalDateTime insertedAt) {
    Run run = new Run();
    run.setScriptFile(script);
    run.setStatus(RunStatus.SUCCESS);
    run.setSessionId("From_Python_Scheduler");
    run.setProd(true);
    run.setHeartbeatId("1759476323123456");
    run.setInsertedAt(insertedAt);
    run.setInsertedBy("David");
    run.setInsertedHost("QUANT-PC-07");
    return run;
  }

  private static NextRun nextRun(String script, LocalDateTime next, LocalDateTime insertedAt) {
    NextRun row = new NextRun();
    row.setScriptName(script);
    row.setScriptFolder("utils");
    row.setRunBy("david");
    row.setRunHost("QUANT-PC-07");
    row.setNextRun(next);
    row.setHeartbeatId("1759476323123456");
    row.setInsertedAt(insertedAt);
    row.setInsertedBy("David");
    row.setInsertedHost("QUANT-PC-07");
    return row;
  }

  private static void insert(Database db, Object entity) {
    db.inTransaction(
        em -> {
          em.persist(entity);
          return entity;
        });
  }
}
