package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.Heartbeat;
import com.taskscheduler.heartbeat.HeartbeatRepository;
import com.taskscheduler.run.Run;
import com.taskscheduler.schedule.NextRun;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import com.taskscheduler.testing.MutableClock;
import com.taskscheduler.testing.SwitchableDataSource;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** A scheduler over a fresh real database, a settable clock and a recording launcher. */
final class Fixture implements AutoCloseable {
  static final Instant START = Instant.parse("2025-03-10T08:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final SwitchableDataSource dataSource;
  final AppConfig config;
  final Database database;
  final Timestamps timestamps;
  final TaskRepository tasks;
  final HeartbeatRepository heartbeats;
  final RecordingLauncher launcher;
  final Scheduler scheduler;
  private final List<Session> sessions = new ArrayList<>();

  Fixture(Kind kind, Path home, Map<String, String> settings) throws Exception {
    this(TestDatabases.fresh(kind), home, settings);
  }

  Fixture(DataSource raw, Path home, Map<String, String> settings) throws Exception {
    dataSource = new SwitchableDataSource(raw);
    config = TestConfigs.config(home, settings);
    launcher = new RecordingLauncher(config.outputDir());
    database = Database.open(dataSource, null);
    timestamps = new Timestamps(config.zone());
    tasks = new TaskRepository(database);
    heartbeats = new HeartbeatRepository(database);
    scheduler =
        new Scheduler(
            config,
            clock,
            database,
            timestamps,
            tasks,
            heartbeats,
            launcher,
            new SchedulerEvents());
  }

  /** A task of this identity (alice@test-host) in folder {@code jobs}, not stored. */
  static Task task(String script, String every, String atTime) {
    Task task = new Task();
    task.setEnable(true);
    task.setRunBy("alice");
    task.setRunHost("test-host");
    task.setScriptName(script);
    task.setScriptFolder("jobs");
    task.setEvery(every);
    task.setAtTime(atTime);
    task.setToRunAsap(false);
    task.setInsertedAt(LocalDateTime.of(2025, 1, 1, 9, 0));
    task.setInsertedBy("Alice");
    task.setInsertedHost("test-host");
    return task;
  }

  Task add(String script, String every, String atTime) {
    return tasks.insert(task(script, every, atTime));
  }

  Task reload(Task task) {
    return tasks.find(task.getId()).orElseThrow();
  }

  void update(int taskId, java.util.function.Consumer<Task> change) {
    database.inTransaction(
        em -> {
          change.accept(em.find(Task.class, taskId));
          return null;
        });
  }

  List<Run> runs() {
    return database.read(
        em -> em.createQuery("SELECT r FROM Run r ORDER BY r.id", Run.class).getResultList());
  }

  List<Run> runs(int taskId, String status) {
    return database.read(
        em ->
            em.createQuery(
                    "SELECT r FROM Run r WHERE r.taskId = :id AND r.status = :s ORDER BY r.fireTime",
                    Run.class)
                .setParameter("id", taskId)
                .setParameter("s", status)
                .getResultList());
  }

  List<NextRun> nextRuns() {
    return database.read(
        em ->
            em.createQuery("SELECT n FROM NextRun n ORDER BY n.id", NextRun.class).getResultList());
  }

  /** A heartbeat as the Python tool writes it: local time only. */
  void heartbeat(String session, String user, Instant at) {
    heartbeats.insert(new Heartbeat(session, false, timestamps.toLegacy(at), user, "TEST-HOST"));
  }

  /** A heartbeat as our sessions write it: local time and UTC. */
  void ourHeartbeat(String session, String user, Instant at) {
    ourHeartbeat(session, user, at, null);
  }

  /** ... of a session whose engine had passed at {@code passedAt} (null: not yet). */
  void ourHeartbeat(String session, String user, Instant at, Instant passedAt) {
    Heartbeat heartbeat = new Heartbeat(session, false, timestamps.toLegacy(at), user, "TEST-HOST");
    heartbeat.setBeatAt(at);
    heartbeat.setPassedAt(passedAt);
    heartbeats.insert(heartbeat);
  }

  /** A session that may launch at once (its standby check answered), threads not started. */
  Session readySession() {
    Session session = scheduler.newSession();
    session.checkStandby(clock.instant());
    sessions.add(session);
    return session;
  }

  @Override
  public void close() {
    try {
      // Their threads never started; closing their engines releases what they still hold armed.
      sessions.forEach(s -> s.engine().close());
      scheduler.close();
    } finally {
      database.close();
    }
  }
}
