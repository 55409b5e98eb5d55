package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.run.Run;
import com.taskscheduler.run.RunStatus;
import com.taskscheduler.run.Trigger;
import com.taskscheduler.schedule.InvalidScheduleException;
import com.taskscheduler.schedule.Schedule;
import com.taskscheduler.schedule.Schedules;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One scheduler session's pass over its tasks: load them, find due fires, claim them and hand the
 * winners to the launcher. {@link #runOnce()} is what the loop thread repeats; tests call it with a
 * settable clock.
 */
final class Engine {
  private static final Logger LOG = Logger.getLogger(Engine.class.getName());

  /** Missed fires written one row each per catch-up; beyond this, one summary row says how many. */
  static final int MAX_MISSED_ROWS = 200;

  /**
   * Counting missed slots stops here (a seconds task down for years); the summary says "at least".
   */
  private static final int MAX_MISSED_COUNT = 1_000_000;

  private final AppConfig config;
  private final Clock clock;
  private final TaskRepository tasks;
  private final Claims claims;
  private final Launcher launcher;
  private final NextRunPublisher publisher;
  private final String session;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  /**
   * When a calendar task that never fired was first seen: it waits for its next slot from there.
   */
  private final Map<Integer, Instant> firstSeen = new HashMap<>();

  private final Map<Integer, TaskProblem> problems = new ConcurrentHashMap<>();
  private final Set<String> warned = new HashSet<>();

  /** Why a task of this scheduler is not run as defined. */
  record TaskProblem(int taskId, String message) {}

  Engine(
      AppConfig config,
      Clock clock,
      TaskRepository tasks,
      Claims claims,
      Launcher launcher,
      NextRunPublisher publisher,
      String session) {
    this.config = config;
    this.clock = clock;
    this.tasks = tasks;
    this.claims = claims;
    this.launcher = launcher;
    this.publisher = publisher;
    this.session = session;
  }

  String session() {
    return session;
  }

  /** Problems found in the last pass, by task id: invalid schedules, ASAP on disabled tasks. */
  Map<Integer, String> problems() {
    Map<Integer, String> result = new HashMap<>();
    problems.values().forEach(p -> result.put(p.taskId(), p.message()));
    return result;
  }

  /**
   * One pass. A database failure propagates (the loop backs off and retries); a bad row never does.
   *
   * @return the earliest future fire time of the identity's tasks, or null when none is scheduled
   */
  Instant runOnce() {
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      List<Task> all = tasks.forIdentity(config.user(), config.host());
      Map<Integer, Instant> nextFires = new HashMap<>();
      Set<Integer> present = new HashSet<>();
      Instant earliest = null;
      for (Task task : all) {
        present.add(task.getId());
        Instant next;
        try {
          next = handle(task, now);
        } catch (PersistenceException e) {
          throw e;
        } catch (RuntimeException e) {
          problem(task, "cannot be scheduled: " + e, e);
          continue;
        }
        if (next != null) {
          nextFires.put(task.getId(), next);
          earliest = earliest == null || next.isBefore(earliest) ? next : earliest;
        }
      }
      problems.keySet().retainAll(present);
      firstSeen.keySet().retainAll(present);
      publisher.publish(all, nextFires, now);
      return earliest;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Run now for a task of this identity while this session may launch; the launch is handed over
   * before this returns.
   *
   * @return STARTED or ALREADY_RUNNING; empty when the engine is closed (the session stopped)
   */
  Optional<SchedulerControl.RunNowOutcome> runNow(Task task) {
    lock.lock();
    try {
      if (closed) {
        return Optional.empty();
      }
      if (launcher.isRunning(task.getId())) {
        return Optional.of(SchedulerControl.RunNowOutcome.ALREADY_RUNNING);
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      Optional<Run> run = claims.claimManual(task, session, now);
      if (run.isEmpty()) {
        // Same task, same millisecond, already claimed: that run is the one asked for.
        return Optional.of(SchedulerControl.RunNowOutcome.ALREADY_RUNNING);
      }
      LOG.info(() -> "Task " + task.getId() + " (" + task.getScriptName() + "): Run now starting");
      launch(task, run.get());
      return Optional.of(SchedulerControl.RunNowOutcome.STARTED);
    } finally {
      lock.unlock();
    }
  }

  /** Ends claiming: after this returns no pass or Run now of this engine launches anything. */
  void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  private Instant handle(Task task, Instant now) {
    int id = task.getId();
    boolean problemSet = false;
    if (task.isAsapRequested()) {
      if (task.isEnabled()) {
        runAsap(task, now);
      } else {
        problem(task, "has Run ASAP set but is disabled: it is not run", null);
        problemSet = true;
      }
    }
    if (!task.isEnabled()) {
      firstSeen.remove(id);
      if (!problemSet) {
        problems.remove(id);
      }
      return null;
    }
    Schedule schedule;
    try {
      schedule = schedule(task);
    } catch (InvalidScheduleException e) {
      problem(task, "has an invalid schedule (" + e.field() + "): " + e.getMessage(), null);
      return null;
    }
    problems.remove(id);

    Instant last = task.getLastFireTime();
    Instant anchor = last;
    Instant next;
    if (last == null && schedule.isInterval()) {
      // An interval task that never fired starts now; the claim persists the cadence's anchor.
      next = now;
    } else {
      if (last == null) {
        anchor = firstSeen.computeIfAbsent(id, k -> now);
      }
      next = schedule.nextFireAfter(anchor);
      if (next.isAfter(now)) {
        return next;
      }
    }
    Instant latest =
        anchor == null ? next : schedule.latestFireAtOrBefore(now, anchor).orElse(next);
    if (latest.isBefore(next)) {
      latest = next;
    }
    fire(task, schedule, last, next, latest, now);
    firstSeen.remove(id);
    return schedule.nextFireAfter(latest);
  }

  private void fire(
      Task task, Schedule schedule, Instant last, Instant next, Instant latest, Instant now) {
    List<Claims.Row> rows = new ArrayList<>();
    int notRecorded = missedRows(schedule, next, latest, rows);
    boolean inGrace = !latest.isBefore(now.minus(window(task)));
    final Claims.Row main;
    if (inGrace) {
      Trigger trigger = rows.isEmpty() && notRecorded == 0 ? Trigger.SCHEDULE : Trigger.CATCH_UP;
      boolean running = launcher.isRunning(task.getId());
      main =
          new Claims.Row(
              latest,
              trigger,
              running ? RunStatus.SKIPPED : RunStatus.RUN,
              running ? "the previous run of this task was still running" : null);
      rows.add(main);
    } else {
      main = null;
      rows.add(
          new Claims.Row(
              latest,
              Trigger.SCHEDULE,
              RunStatus.MISSED,
              "missed while no scheduler ran; older than the catch-up grace of "
                  + window(task).toMinutes()
                  + " min"));
    }
    Optional<List<Run>> written = claims.claimFire(task, last, latest, rows, session, now);
    if (written.isEmpty()) {
      return;
    }
    int missed = rows.size() - (main == null ? 0 : 1) + notRecorded;
    if (missed > 0) {
      LOG.warning(
          () ->
              "Task "
                  + task.getId()
                  + " ("
                  + task.getScriptName()
                  + "): "
                  + missed
                  + " missed fire(s) recorded as Missed"
                  + (notRecorded > 0 ? " (" + notRecorded + " of them summed up in one row)" : "")
                  + (main != null ? "; catching up once with the fire of " + latest : ""));
    }
    if (main != null) {
      Run run = written.get().get(written.get().size() - 1);
      if (main.status() == RunStatus.SKIPPED) {
        LOG.info(
            () ->
                "Task "
                    + task.getId()
                    + " ("
                    + task.getScriptName()
                    + "): fire of "
                    + latest
                    + " skipped, the previous run is still running");
      } else {
        launch(task, run);
      }
    }
  }

  /**
   * Adds a Missed row for each slot from {@code next} up to (not including) {@code latest}, at most
   * {@link #MAX_MISSED_ROWS}, then one summary row.
   *
   * @return how many slots got no row of their own
   */
  private int missedRows(Schedule schedule, Instant next, Instant latest, List<Claims.Row> rows) {
    int beyond = 0;
    Instant slot = next;
    int counted = 0;
    while (slot.isBefore(latest) && counted < MAX_MISSED_COUNT) {
      if (rows.size() < MAX_MISSED_ROWS) {
        rows.add(
            new Claims.Row(
                slot, Trigger.SCHEDULE, RunStatus.MISSED, "missed while no scheduler ran"));
      } else {
        beyond++;
      }
      counted++;
      slot = schedule.nextFireAfter(slot);
    }
    if (beyond > 0) {
      // The last listed row carries the count, so the log shows how many more were skipped.
      Claims.Row lastRow = rows.remove(rows.size() - 1);
      rows.add(
          new Claims.Row(
              lastRow.fireTime(),
              lastRow.trigger(),
              RunStatus.MISSED,
              "missed while no scheduler ran; "
                  + beyond
                  + (counted >= MAX_MISSED_COUNT ? " or more" : "")
                  + " later missed fires were not recorded one by one"));
    }
    return beyond;
  }

  private Duration window(Task task) {
    Duration grace =
        task.getCatchUpGraceMinutes() != null && task.getCatchUpGraceMinutes() >= 0
            ? Duration.ofMinutes(task.getCatchUpGraceMinutes())
            : config.catchUpGrace();
    // A fire found a poll late is on time, not a catch-up, whatever the grace.
    Duration onTime = config.pollInterval().multipliedBy(2);
    return grace.compareTo(onTime) < 0 ? onTime : grace;
  }

  private void runAsap(Task task, Instant now) {
    boolean running = launcher.isRunning(task.getId());
    Optional<Run> run =
        claims.claimAsap(task, running ? RunStatus.SKIPPED : RunStatus.RUN, session, now);
    if (run.isEmpty()) {
      return;
    }
    LOG.info(
        () ->
            "Task "
                + task.getId()
                + " ("
                + task.getScriptName()
                + "): Run ASAP "
                + (running ? "skipped, the previous run is still running" : "starting"));
    if (!running) {
      launch(task, run.get());
    }
  }

  private void launch(Task task, Run run) {
    try {
      launcher.launch(task, run, session);
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "Task " + task.getId() + " (" + task.getScriptName() + "): the launcher failed: " + e,
          e);
      claims.failUnlaunched(
          run.getId(), "the launcher failed: " + e, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
  }

  private Schedule schedule(Task task) {
    return Schedules.parse(task.getEvery(), task.getAtTime(), config.zone());
  }

  /** Records a task's problem and logs it once per (task, Every, AtTime, message). */
  private void problem(Task task, String message, Throwable e) {
    String text = "Task " + task.getId() + " (" + task.getScriptName() + ") " + message;
    problems.put(task.getId(), new TaskProblem(task.getId(), text));
    String key =
        task.getId()
            + "\u0000"
            + Objects.toString(task.getEvery())
            + "\u0000"
            + Objects.toString(task.getAtTime())
            + "\u0000"
            + message;
    if (warned.add(key)) {
      LOG.log(Level.WARNING, text, e);
    }
  }
}
