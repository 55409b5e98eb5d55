package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.config.SessionIds;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.HeartbeatRepository;
import com.taskscheduler.heartbeat.Liveness;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The in-process scheduler: built once per application, started and stopped any number of times
 * (each start is a new session with a new session id).
 */
public final class Scheduler implements SchedulerControl, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

  private final AppConfig config;
  private final Clock clock;
  private final Database database;
  private final Timestamps timestamps;
  private final TaskRepository tasks;
  private final HeartbeatRepository heartbeats;
  private final Launcher launcher;
  private final SchedulerEvents events;
  private final SchedulerLog log;
  private final Claims claims;
  private final Object lifecycle = new Object();
  private volatile Session current;
  private String lastSessionId;

  public Scheduler(
      AppConfig config,
      Clock clock,
      Database database,
      Timestamps timestamps,
      TaskRepository tasks,
      HeartbeatRepository heartbeats,
      Launcher launcher,
      SchedulerEvents events) {
    this.config = config;
    this.clock = clock;
    this.database = database;
    this.timestamps = timestamps;
    this.tasks = tasks;
    this.heartbeats = heartbeats;
    this.launcher = launcher;
    this.events = events;
    this.claims = new Claims(database, config, timestamps);
    this.log = new SchedulerLog(events);
    log.install();
  }

  @Override
  public Status status() {
    Session s = current;
    return s == null
        ? new Status(false, null, false, null)
        : new Status(true, s.startedAt(), s.standby(), s.id());
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (current != null) {
        return;
      }
      Session session = newSession();
      current = session;
      session.start();
    }
    publishStatus();
  }

  @Override
  public void stop() {
    synchronized (lifecycle) {
      Session session = current;
      if (session == null) {
        return;
      }
      session.stop();
      current = null;
    }
    publishStatus();
  }

  @Override
  public RunNowOutcome runNow(int taskId) {
    Task task = tasks.find(taskId).orElseThrow(() -> new NoSuchElementException("task " + taskId));
    if (!task.isEnabled()) {
      throw new IllegalStateException("task " + taskId + " is disabled");
    }
    Session session = current;
    if (session != null && session.mayLaunch() && isOurs(task)) {
      Optional<RunNowOutcome> outcome = session.engine().runNow(task);
      if (outcome.isPresent()) {
        return outcome.get();
      }
    }
    if (launcher.isRunning(taskId)) {
      return RunNowOutcome.ALREADY_RUNNING;
    }
    claims.flagAsap(taskId);
    LOG.info(
        () ->
            "Task "
                + taskId
                + " ("
                + task.getScriptName()
                + "): Run now handed to its scheduler through the Run ASAP flag");
    return RunNowOutcome.FLAGGED_ASAP;
  }

  @Override
  public boolean kill(int runId) {
    return launcher.kill(runId);
  }

  @Override
  public List<LogLine> recentLog(int limit) {
    return log.recent(limit);
  }

  @Override
  public AutoCloseable subscribe(Consumer<Event> listener) {
    return events.subscribe(listener);
  }

  @Override
  public Map<Integer, String> taskProblems() {
    Session s = current;
    return s == null ? Map.of() : s.engine().problems();
  }

  @Override
  public void tasksChanged() {
    Session s = current;
    if (s != null) {
      s.loop().wake();
    }
  }

  /** Stops the scheduler, closes the launcher and detaches the log; the application is ending. */
  @Override
  public void close() {
    try {
      stop();
    } finally {
      try {
        launcher.close();
      } finally {
        log.close();
      }
    }
  }

  /** The running session, for tests; null when stopped. */
  Session session() {
    return current;
  }

  /** A session that is not started: tests drive its beat and pass by hand. */
  Session newSession() {
    String id = SessionIds.newSessionId(clock);
    // Two starts in one microsecond (or a clock that stands still) must still get distinct ids.
    synchronized (lifecycle) {
      if (lastSessionId != null
          && new java.math.BigInteger(id).compareTo(new java.math.BigInteger(lastSessionId)) <= 0) {
        id = new java.math.BigInteger(lastSessionId).add(java.math.BigInteger.ONE).toString();
      }
      lastSessionId = id;
    }
    NextRunPublisher publisher = new NextRunPublisher(database, config, timestamps, id);
    Engine engine = new Engine(config, clock, tasks, claims, launcher, publisher, id);
    return new Session(
        id,
        config,
        clock,
        timestamps,
        engine,
        publisher,
        heartbeats,
        new Liveness(database),
        new LostRuns(database, config, timestamps),
        new Retention(database, config, timestamps),
        launcher,
        this::publishStatus);
  }

  private boolean isOurs(Task task) {
    return task.getRunBy() != null
        && task.getRunHost() != null
        && task.getRunBy().toLowerCase(Locale.ROOT).equals(config.user())
        && task.getRunHost().equalsIgnoreCase(config.host());
  }

  private void publishStatus() {
    events.publish(new Event.StatusChanged(status()));
  }
}
