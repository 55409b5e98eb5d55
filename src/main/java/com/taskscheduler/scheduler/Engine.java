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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
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

  static final String PREVIOUS_STILL_RUNNING = "the previous run of this task was still running";

  /** Missed fires written one row each per catch-up; beyond this, one summary row says how many. */
  static final int MAX_MISSED_ROWS = 200;

  /**
   * Counting a calendar schedule's missed slots stops here (interval schedules are counted
   * exactly); the summary then says "or more".
   */
  static final long MAX_MISSED_COUNT = 10_000;

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
   * Fires claimed ahead and waiting for their instant, by task id. Guarded by {@link #lock}, like
   * every other field the passes change.
   */
  private final Map<Integer, Armed> armed = new HashMap<>();

  /** When the loop should pass next: the earliest armed instant or claim-ahead point. */
  private Instant wakeAt;

  private final Spawner spawner = new Spawner();
  private final ClaimLead lead = new ClaimLead();

  /** Every and AtTime of each task with a valid schedule, as the last pass saw them. */
  private final Map<Integer, String> shapes = new HashMap<>();

  /**
   * Per task, the last pass that saw it disabled, invalid or with another schedule, or the first
   * that saw it at all if it never fired: its slots up to then were nobody's to run, so they are
   * neither caught up nor recorded Missed (a calendar task that never fired waits for its next slot
   * from there). Only downtime makes slots owed.
   */
  private final Map<Integer, Instant> notOwedUntil = new HashMap<>();

  /** Slots up to here were the identity's other sessions' to run (see {@link #takeOver}). */
  private Instant othersUntil;

  /** The start of the last complete pass (null before the first): what heartbeats report. */
  private volatile Instant passedAt;

  private final Map<Integer, TaskProblem> problems = new ConcurrentHashMap<>();
  private final Set<String> warned = new HashSet<>();

  /** Why a task of this scheduler is not run as defined. */
  record TaskProblem(int taskId, String message) {}

  /**
   * A fire claimed ahead: its row is written ({@code Run}, no StartedAt) and the task's anchor
   * moved; at {@code run.getFireTime()} its process starts, or it is skipped if the previous run
   * still runs. {@code ready} is its process made ahead by the launcher, or null.
   */
  private record Armed(Task task, Run run, Instant previous, Launcher.Prepared ready) {
    Instant fire() {
      return run.getFireTime();
    }

    void cancel() {
      if (ready != null) {
        ready.cancel();
      }
    }
  }

  /**
   * Fires whose processes are made ahead at most, at once: each holds a waiting process and three
   * file descriptors. Fires beyond it start the usual way at their instant.
   */
  static final int MAX_PREPARED = 128;

  /**
   * Preparing stops this close to the earliest armed instant: that fire must not be started late
   * because the pass was still making processes for later ones.
   */
  private static final Duration PREPARE_MARGIN = Duration.ofMillis(20);

  /**
   * How long before an instant the pass stages its prepared fires (the script's path checked again,
   * its output file put in place) and then waits for the instant itself: those steps took 0.2 to 3
   * ms each on a shared virtual machine, and a thread parked for most of a second wakes up to 2 ms
   * late; both were in every fire's lag. A burst gets longer, as its fires are staged one after the
   * other.
   */
  static final Duration STAGE_AHEAD = Duration.ofMillis(4);

  static final Duration STAGE_AHEAD_MAX = Duration.ofMillis(100);

  /** The end of a wait for an instant is spun: a parked thread may wake a millisecond late. */
  private static final long SPIN_NANOS = 1_000_000;

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
        wakeAt = null;
        return null;
      }
      Instant now = now();
      startDue(now);
      List<Task> all = tasks.forIdentity(config.user(), config.host());
      Instant horizon = now.plus(ClaimLead.MAX);
      Map<Integer, Instant> nextFires = new HashMap<>();
      Set<Integer> present = new HashSet<>();
      Set<Integer> stillArmed = new HashSet<>();
      List<Claims.Ahead> candidates = new ArrayList<>();
      for (Task task : all) {
        present.add(task.getId());
        Instant next;
        try {
          next = handle(task, now, horizon, candidates, stillArmed);
        } catch (PersistenceException e) {
          throw e;
        } catch (RuntimeException e) {
          problem(task, "cannot be scheduled: " + e, e);
          continue;
        }
        if (next != null) {
          nextFires.put(task.getId(), next);
        }
      }
      releaseUnless(stillArmed);
      claimAhead(candidates, now);
      // A large burst may have taken its claims past the first instants.
      startDue(now());
      problems.keySet().retainAll(present);
      shapes.keySet().retainAll(present);
      notOwedUntil.keySet().retainAll(present);
      publisher.publish(all, nextFires, now);
      wakeAt = wakeAt(nextFires);
      passedAt = now;
      return nextFires.values().stream().min(Instant::compareTo).orElse(null);
    } finally {
      lock.unlock();
    }
  }

  /**
   * After a pass: when the loop should pass again. At an armed fire's instant (only its process
   * starts then), or at the claim point ({@link ClaimLead}) of the next fires; null when nothing is
   * scheduled.
   */
  Instant wakeAt() {
    lock.lock();
    try {
      return wakeAt;
    } finally {
      lock.unlock();
    }
  }

  private Instant wakeAt(Map<Integer, Instant> nextFires) {
    Instant now = now();
    Instant earliest = null;
    List<Instant> unclaimed = new ArrayList<>();
    for (Map.Entry<Integer, Instant> next : nextFires.entrySet()) {
      Instant fire = next.getValue();
      if (armed.containsKey(next.getKey())) {
        continue;
      }
      if (!fire.minus(ClaimLead.MIN).isAfter(now)) {
        // Its claim point has passed but it is not ours (another scheduler won it a moment ago):
        // the next look is at its instant.
        earliest = earliest == null || fire.isBefore(earliest) ? fire : earliest;
      } else {
        unclaimed.add(fire);
      }
    }
    unclaimed.sort(null);
    Instant claimPoint = lead.nextClaimPoint(unclaimed);
    if (claimPoint != null) {
      claimPoint = claimPoint.isAfter(now) ? claimPoint : now.plusMillis(1);
      earliest = earliest == null || claimPoint.isBefore(earliest) ? claimPoint : earliest;
    }
    Instant stagePoint = stagePoint();
    if (stagePoint != null) {
      earliest = earliest == null || stagePoint.isBefore(earliest) ? stagePoint : earliest;
    }
    return earliest;
  }

  /** When the pass must run for the earliest armed instant (see {@link #STAGE_AHEAD}). */
  private Instant stagePoint() {
    Instant first = earliestArmed();
    return first == null ? null : first.minus(stageAhead(first));
  }

  private Instant earliestArmed() {
    return armed.values().stream().map(Armed::fire).min(Instant::compareTo).orElse(null);
  }

  private Duration stageAhead(Instant fire) {
    return stageAhead(armed.values().stream().filter(a -> a.fire().equals(fire)).count());
  }

  /**
   * How long before their instant a pass stages and then waits for this many fires: half a
   * millisecond more per fire, in whole milliseconds (the pass reads the clock to the millisecond).
   */
  static Duration stageAhead(long fires) {
    Duration ahead = STAGE_AHEAD.plusMillis((fires + 1) / 2);
    return ahead.compareTo(STAGE_AHEAD_MAX) > 0 ? STAGE_AHEAD_MAX : ahead;
  }

  /** Claims the candidates whose claim point has come and arms the ones won. */
  private void claimAhead(List<Claims.Ahead> candidates, Instant now) {
    if (candidates.isEmpty()) {
      return;
    }
    candidates.sort(Comparator.comparing(Claims.Ahead::fire));
    int count = lead.toClaim(candidates.stream().map(Claims.Ahead::fire).toList(), now);
    if (count == 0) {
      return;
    }
    List<Claims.Ahead> claimNow = candidates.subList(0, count);
    Instant began = clock.instant();
    Map<Integer, Run> won = claims.claimAhead(claimNow, session);
    List<Armed> fresh = new ArrayList<>();
    for (Claims.Ahead a : claimNow) {
      Run run = won.get(a.task().getId());
      if (run != null) {
        Armed claimed = new Armed(a.task(), run, a.previous(), null);
        armed.put(a.task().getId(), claimed);
        fresh.add(claimed);
      }
    }
    prepare(fresh);
    // The lead covers making the processes too.
    lead.measured(count, Duration.between(began, clock.instant()));
  }

  /**
   * Has the launcher make the processes of fires just claimed, earliest first, while there is time
   * before the earliest armed instant.
   */
  private void prepare(List<Armed> fresh) {
    if (fresh.isEmpty()) {
      return;
    }
    long ready = armed.values().stream().filter(a -> a.ready() != null).count();
    Instant earliest = armed.values().stream().map(Armed::fire).min(Instant::compareTo).get();
    for (Armed a : fresh) {
      if (ready >= MAX_PREPARED || !clock.instant().plus(PREPARE_MARGIN).isBefore(earliest)) {
        return;
      }
      Launcher.Prepared prepared;
      try {
        prepared = launcher.prepare(a.task(), a.run(), session);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, label(a.task()) + ": could not prepare its fire: " + e, e);
        continue;
      }
      if (prepared != null) {
        armed.put(a.task().getId(), new Armed(a.task(), a.run(), a.previous(), prepared));
        ready++;
      }
    }
  }

  /**
   * Starts what was claimed ahead and is due, without loading or claiming anything: a session
   * standing by still owes the fires it claimed before it stood by (nobody else will run them).
   *
   * @return the earliest instant still armed, or null
   */
  Instant startDue() {
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      startDue(now());
      return stagePoint();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts the armed fires whose instant has come; then, if the next armed instant is within its
   * {@link #STAGE_AHEAD}, stages its prepared fires, waits for it and starts them.
   */
  private void startDue(Instant now) {
    startAt(now);
    Instant next = earliestArmed();
    if (next == null || next.minus(stageAhead(next)).isAfter(now)) {
      return;
    }
    List<Armed> stage = new ArrayList<>();
    for (Armed a : armed.values()) {
      if (a.fire().equals(next) && a.ready() != null && !launcher.isRunning(a.task().getId())) {
        stage.add(a);
      }
    }
    spawner.runAll(stage, this::stage);
    waitFor(next);
    startAt(now());
  }

  /**
   * Waits, holding the engine, until the clock says {@code instant}; at most the stage lead (a
   * clock that does not move, as in tests, is waited for once, not again).
   */
  private void waitFor(Instant instant) {
    long nanos = Duration.between(clock.instant(), instant).toNanos();
    if (nanos <= 0) {
      return;
    }
    long deadline = System.nanoTime() + nanos;
    if (nanos > SPIN_NANOS) {
      LockSupport.parkNanos(nanos - SPIN_NANOS);
    }
    while (System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
    }
  }

  /** Starts the armed fires whose instant has come, all at once; skips those still running. */
  private void startAt(Instant now) {
    List<Armed> start = new ArrayList<>();
    List<Armed> skip = new ArrayList<>();
    for (Iterator<Armed> it = armed.values().iterator(); it.hasNext(); ) {
      Armed a = it.next();
      if (!a.fire().isAfter(now)) {
        it.remove();
        (launcher.isRunning(a.task().getId()) ? skip : start).add(a);
      }
    }
    // The prepared scripts get going first; watching them and the other starts come after.
    spawner.runAll(start.stream().filter(a -> a.ready() != null).toList(), this::signal);
    spawner.runAll(start, this::launch);
    for (Armed a : skip) {
      a.cancel();
      if (claims.skipUnstarted(a.run().getId(), PREVIOUS_STILL_RUNNING)) {
        LOG.info(
            () ->
                label(a.task())
                    + ": fire of "
                    + a.fire()
                    + " skipped, the previous run is still running");
      }
    }
  }

  /** Releases armed fires of tasks that no longer want them (deleted, disabled, invalid). */
  private void releaseUnless(Set<Integer> stillArmed) {
    for (Iterator<Armed> it = armed.values().iterator(); it.hasNext(); ) {
      Armed a = it.next();
      if (!stillArmed.contains(a.task().getId())) {
        release(a, "deleted, disabled or made invalid");
        it.remove();
      }
    }
  }

  private void release(Armed a, String why) {
    a.cancel();
    boolean released = claims.release(a.task().getId(), a.run().getId(), a.previous(), a.fire());
    LOG.info(
        () ->
            label(a.task())
                + ": "
                + why
                + " before its fire of "
                + a.fire()
                + (released
                    ? "; that claim is released"
                    : "; its run " + a.run().getId() + " was already finalised elsewhere"));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
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
      Instant now = now();
      Optional<Run> run = claims.claimManual(task, session, now);
      if (run.isEmpty()) {
        // Same task, same millisecond, already claimed: that run is the one asked for.
        return Optional.of(SchedulerControl.RunNowOutcome.ALREADY_RUNNING);
      }
      LOG.info(() -> label(task) + ": Run now starting");
      launch(task, run.get());
      return Optional.of(SchedulerControl.RunNowOutcome.STARTED);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The start of this engine's last complete pass: every slot due by then was run, claimed, skipped
   * or recorded Missed (null before the first pass). A session that takes over after this one owes
   * nothing before it.
   */
  Instant passedAt() {
    return passedAt;
  }

  /**
   * This session starts scheduling after the identity's other sessions, which had scheduled up to
   * {@code until} (see {@code Liveness.scheduledByOthersUntil}): the slots up to then were theirs.
   * A Python scheduler runs them without moving LastFireTime, so they would otherwise be caught up
   * (run twice) or recorded Missed.
   */
  void takeOver(Instant until) {
    lock.lock();
    try {
      Instant now = now();
      othersUntil = later(othersUntil, until.isAfter(now) ? now : until);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Catches up fires that a dead session of this identity claimed ahead and never started, under
   * the catch-up rule: only while it is still the task's latest fire (nothing later was claimed)
   * and within the task's grace. The others are left to be marked Lost.
   *
   * @return how many were taken over and launched
   */
  int adopt(List<Run> neverStarted) {
    lock.lock();
    try {
      if (closed || neverStarted.isEmpty()) {
        return 0;
      }
      Instant now = now();
      Map<Integer, Task> byId = new HashMap<>();
      tasks.forIdentity(config.user(), config.host()).forEach(t -> byId.put(t.getId(), t));
      int adopted = 0;
      for (Run run : neverStarted) {
        Task task = byId.get(run.getTaskId());
        boolean due =
            task != null
                && task.isEnabled()
                && run.getFireTime() != null
                && run.getFireTime().equals(task.getLastFireTime())
                && !run.getFireTime().isBefore(now.minus(window(task)))
                && !armed.containsKey(task.getId())
                && !launcher.isRunning(task.getId());
        if (due && claims.adopt(run, session, now)) {
          String dead = run.getHeartbeatId();
          run.setHeartbeatId(session);
          run.setTriggeredBy(Trigger.CATCH_UP);
          LOG.warning(
              () ->
                  label(task)
                      + ": its fire of "
                      + run.getFireTime()
                      + " was claimed by session "
                      + dead
                      + ", which stopped before starting it; catching it up now");
          launch(task, run);
          adopted++;
        }
      }
      return adopted;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends claiming: after this returns no pass or Run now of this engine launches anything. Fires
   * claimed ahead whose instant has not come are released, so the next scheduler (or this one,
   * started again) runs them under the usual rules.
   */
  void close() {
    lock.lock();
    try {
      closed = true;
      for (Armed a : armed.values()) {
        a.cancel();
        try {
          claims.release(a.task().getId(), a.run().getId(), a.previous(), a.fire());
        } catch (RuntimeException e) {
          // The row stays Run without a process; once this session stops heartbeating, the
          // lost-run sweep of any other session marks it Lost.
          LOG.log(
              Level.WARNING,
              "Could not release the claim of run " + a.run().getId() + " while stopping: " + e,
              e);
        }
      }
      armed.clear();
    } finally {
      lock.unlock();
    }
  }

  private Instant handle(
      Task task, Instant now, Instant horizon, List<Claims.Ahead> ahead, Set<Integer> stillArmed) {
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
      notOwedUntil.put(id, now);
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
      notOwedUntil.put(id, now);
      return null;
    }
    problems.remove(id);
    String shape = task.getEvery() + "\u0000" + task.getAtTime();
    String seenShape = shapes.put(id, shape);
    if (seenShape != null && !seenShape.equals(shape)) {
      notOwedUntil.put(id, now);
    }

    Armed claimed = armed.get(id);
    if (claimed != null) {
      if (Objects.equals(claimed.task().getEvery(), task.getEvery())
          && Objects.equals(claimed.task().getAtTime(), task.getAtTime())) {
        stillArmed.add(id);
        // Launch what the task says now (script, folder, timeout may have been edited).
        armed.put(id, new Armed(task, claimed.run(), claimed.previous(), claimed.ready()));
        return claimed.fire();
      }
      release(claimed, "rescheduled");
      armed.remove(id);
      task.setLastFireTime(claimed.previous());
    }

    Instant last = task.getLastFireTime();
    Instant anchor = last;
    Instant next;
    if (last == null && schedule.isInterval()) {
      // An interval task that never fired starts now; the claim persists the cadence's anchor.
      next = now;
    } else {
      if (last == null) {
        anchor = notOwedUntil.computeIfAbsent(id, k -> now);
      }
      next = schedule.nextFireAfter(anchor);
      Instant floor = later(notOwedUntil.get(id), othersUntil);
      if (floor != null && !next.isAfter(floor)) {
        // The anchor stays where the claim expects it; the cadence goes on from the last slot
        // that was not ours.
        anchor = schedule.latestFireAtOrBefore(floor, anchor).orElse(anchor);
        next = schedule.nextFireAfter(anchor);
      }
      if (next.isAfter(now)) {
        if (!next.isAfter(horizon)) {
          ahead.add(new Claims.Ahead(task, last, next));
        }
        return next;
      }
    }
    Instant latest =
        anchor == null ? next : schedule.latestFireAtOrBefore(now, anchor).orElse(next);
    if (latest.isBefore(next)) {
      latest = next;
    }
    fire(task, schedule, last, next, latest, now);
    Instant following = schedule.nextFireAfter(latest);
    if (!following.isAfter(horizon)) {
      // A short cadence: the next fire is already within the lead (if another scheduler won this
      // one, the anchor is not ours and this claim just loses).
      ahead.add(new Claims.Ahead(task, latest, following));
    }
    return following;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }

  private void fire(
      Task task, Schedule schedule, Instant last, Instant next, Instant latest, Instant now) {
    List<Claims.Row> rows = new ArrayList<>();
    long notRecorded = missedRows(schedule, next, latest, rows);
    boolean inGrace = !latest.isBefore(now.minus(window(task)));
    final Claims.Row main;
    if (inGrace) {
      // Late beyond a poll or two means no scheduler ran at the slot, even when it is the only one
      // missed (a take-over after our own session had passed the slot before it).
      boolean onTime = rows.isEmpty() && notRecorded == 0 && !latest.isBefore(now.minus(onTime()));
      Trigger trigger = onTime ? Trigger.SCHEDULE : Trigger.CATCH_UP;
      boolean running = launcher.isRunning(task.getId());
      main =
          new Claims.Row(
              latest,
              trigger,
              running ? RunStatus.SKIPPED : RunStatus.RUN,
              running ? PREVIOUS_STILL_RUNNING : null);
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
    long missed = rows.size() - (main == null ? 0 : 1) + notRecorded;
    if (missed > 0) {
      LOG.warning(
          () ->
              label(task)
                  + ": "
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
                label(task)
                    + ": fire of "
                    + latest
                    + " skipped, the previous run is still running");
      } else {
        launch(task, run);
      }
    }
  }

  /**
   * Adds a Missed row for each slot from {@code next} up to (not including) {@code latest}, at most
   * {@link #MAX_MISSED_ROWS}, the last of them saying how many more there were.
   *
   * @return how many slots got no row of their own
   */
  private long missedRows(Schedule schedule, Instant next, Instant latest, List<Claims.Row> rows) {
    Instant slot = next;
    while (slot.isBefore(latest) && rows.size() < MAX_MISSED_ROWS) {
      rows.add(
          new Claims.Row(
              slot, Trigger.SCHEDULE, RunStatus.MISSED, "missed while no scheduler ran"));
      slot = schedule.nextFireAfter(slot);
    }
    // Counted, not listed: the pass holds the engine lock, and a per-second cron down for a week
    // has 600,000 slots to step through.
    long beyond = schedule.countFires(slot, latest, MAX_MISSED_COUNT);
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
                  + (!schedule.isInterval() && beyond >= MAX_MISSED_COUNT ? " or more" : "")
                  + " later missed fires were not recorded one by one"));
    }
    return beyond;
  }

  private Duration window(Task task) {
    Duration grace =
        task.getCatchUpGraceMinutes() != null && task.getCatchUpGraceMinutes() >= 0
            ? Duration.ofMinutes(task.getCatchUpGraceMinutes())
            : config.catchUpGrace();
    Duration onTime = onTime();
    return grace.compareTo(onTime) < 0 ? onTime : grace;
  }

  /** A fire found a poll late is on time, not a catch-up, whatever the grace. */
  private Duration onTime() {
    return config.pollInterval().multipliedBy(2);
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
            label(task)
                + ": Run ASAP "
                + (running ? "skipped, the previous run is still running" : "starting"));
    if (!running) {
      launch(task, run.get());
    }
  }

  private void signal(Armed a) {
    try {
      a.ready().signal(a.task());
    } catch (RuntimeException e) {
      // launch() reports it
      LOG.log(Level.FINE, label(a.task()) + ": signalling its prepared process failed", e);
    }
  }

  private void stage(Armed a) {
    try {
      a.ready().stage(a.task());
    } catch (RuntimeException e) {
      // launch() reports it
      LOG.log(Level.FINE, label(a.task()) + ": staging its prepared process failed", e);
    }
  }

  /** Starts an armed fire: its prepared process if there is one, for the task as it is now. */
  private void launch(Armed a) {
    if (a.ready() == null) {
      launch(a.task(), a.run());
      return;
    }
    try {
      a.ready().launch(a.task());
    } catch (RuntimeException e) {
      launchFailed(a.task(), a.run(), e);
    }
  }

  private void launch(Task task, Run run) {
    try {
      launcher.launch(task, run, session);
    } catch (RuntimeException e) {
      launchFailed(task, run, e);
    }
  }

  private void launchFailed(Task task, Run run, RuntimeException e) {
    LOG.log(Level.SEVERE, label(task) + ": the launcher failed: " + e, e);
    claims.failUnlaunched(
        run.getId(), "the launcher failed: " + e, clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }

  private Schedule schedule(Task task) {
    return Schedules.parse(task.getEvery(), task.getAtTime(), config.zone());
  }

  /** Records a task's problem and logs it once per (task, Every, AtTime, message). */
  private void problem(Task task, String message, Throwable e) {
    String text = label(task) + " " + message;
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

  /** How the log names a task: "Task 12 (report.py)". */
  private static String label(Task task) {
    return "Task " + task.getId() + " (" + task.getScriptName() + ")";
  }
}
