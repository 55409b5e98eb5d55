package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.Heartbeat;
import com.taskscheduler.heartbeat.HeartbeatRepository;
import com.taskscheduler.heartbeat.Liveness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One start-to-stop run of the scheduler: its session id, its engine and loop thread, and its
 * heartbeat thread, which also decides standby, marks lost runs and purges old rows.
 */
final class Session {
  private static final Logger LOG = Logger.getLogger(Session.class.getName());

  private final String id;
  private final Instant startedAt;
  private final AppConfig config;
  private final Clock clock;
  private final Timestamps timestamps;
  private final Engine engine;
  private final NextRunPublisher publisher;
  private volatile Thread heartThread;
  private final HeartbeatRepository heartbeats;
  private final Liveness liveness;
  private final LostRuns lostRuns;
  private final Retention retention;
  private final Launcher launcher;
  private final Runnable statusChanged;

  private final EngineLoop loop;
  private volatile ScheduledExecutorService heart;

  /** Set once the first standby check has answered; nothing is launched before. */
  private volatile boolean checked;

  private volatile boolean standby;
  private boolean heartOutage;

  Session(
      String id,
      AppConfig config,
      Clock clock,
      Timestamps timestamps,
      Engine engine,
      NextRunPublisher publisher,
      HeartbeatRepository heartbeats,
      Liveness liveness,
      LostRuns lostRuns,
      Retention retention,
      Launcher launcher,
      Runnable statusChanged) {
    this.id = id;
    this.startedAt = clock.instant();
    this.config = config;
    this.clock = clock;
    this.timestamps = timestamps;
    this.engine = engine;
    this.publisher = publisher;
    this.heartbeats = heartbeats;
    this.liveness = liveness;
    this.lostRuns = lostRuns;
    this.retention = retention;
    this.launcher = launcher;
    this.statusChanged = statusChanged;
    this.loop = new EngineLoop(this::pass, clock, config.pollInterval());
  }

  String id() {
    return id;
  }

  Instant startedAt() {
    return startedAt;
  }

  Engine engine() {
    return engine;
  }

  boolean standby() {
    return standby;
  }

  /** Whether this session may launch: its standby check answered and no newer session is alive. */
  boolean mayLaunch() {
    return checked && !standby;
  }

  EngineLoop loop() {
    return loop;
  }

  /**
   * One engine pass; while standing by, only the start of fires claimed before. Returns when the
   * loop should pass again (null: at its poll interval).
   */
  Instant pass() {
    if (mayLaunch()) {
      engine.runOnce();
      return engine.wakeAt();
    }
    return engine.startDue();
  }

  /**
   * Writes a heartbeat, then re-checks standby, marks runs of dead sessions lost, keeps the
   * published next runs current and purges old rows. Throws on a database failure.
   */
  void beat() {
    Instant now = clock.instant();
    Heartbeat heartbeat =
        new Heartbeat(id, config.prod(), timestamps.toLegacy(now), config.osUser(), config.host());
    heartbeat.setBeatAt(now);
    heartbeat.setPassedAt(engine.passedAt());
    heartbeats.insert(heartbeat);
    checkStandby(now);
    if (mayLaunch()) {
      int adopted = engine.adopt(lostRuns.neverStarted(id, now));
      if (adopted > 0) {
        LOG.warning(
            () -> adopted + " fire(s) claimed by a dead session and never started: caught up");
      }
    }
    int lost = lostRuns.markLost(id, now);
    if (lost > 0) {
      LOG.warning(
          () -> lost + " run(s) of a scheduler session that stopped heartbeating marked Lost");
    }
    publisher.refresh(now);
    Retention.Purged purged = retention.purge(id, now);
    if (purged.heartbeats() + purged.nextRuns() + purged.runs() > 0) {
      LOG.info(
          () ->
              "Retention purged "
                  + purged.heartbeats()
                  + " heartbeat(s), "
                  + purged.nextRuns()
                  + " published next run(s), "
                  + purged.runs()
                  + " log row(s)");
    }
  }

  void checkStandby(Instant now) {
    Optional<String> newer =
        Liveness.newerThan(
            id,
            liveness.sessionsSince(
                config.user(),
                config.host(),
                now.minus(Liveness.SILENCE),
                timestamps.toLegacy(now.minus(Liveness.SILENCE))));
    boolean was = standby;
    boolean wasChecked = checked;
    if (newer.isEmpty() && (was || !wasChecked)) {
      // Before this session may launch: what the identity's other sessions ran or published until
      // now is theirs.
      liveness
          .scheduledByOthersUntil(config.user(), config.host(), id, timestamps::fromLegacy)
          .ifPresent(engine::takeOver);
      publisher.takeOver();
    }
    standby = newer.isPresent();
    checked = true;
    if (standby && !was) {
      LOG.warning(
          "Standing by: a newer scheduler session "
              + newer.get()
              + " of "
              + config.user()
              + "@"
              + config.host()
              + " is alive; this session ("
              + id
              + ") launches nothing until it has been silent for "
              + Liveness.SILENCE.toMinutes()
              + " minutes");
    } else if (!standby && was) {
      LOG.warning(
          "Taking over: no newer scheduler session of "
              + config.user()
              + "@"
              + config.host()
              + " heartbeated in the last "
              + Liveness.SILENCE.toMinutes()
              + " minutes; session "
              + id
              + " schedules again");
    }
    if (standby != was || !wasChecked) {
      statusChanged.run();
      if (!standby) {
        loop.wake();
      }
    }
  }

  void start() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "task-scheduler-heartbeat");
              t.setDaemon(true);
              heartThread = t;
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    // A stop drops the next beat; only one already running is waited for.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    heart = executor;
    heart.execute(this::heartbeatTick);
    loop.start();
    LOG.info("Scheduler session " + id + " started for " + config.user() + "@" + config.host());
  }

  /** Whether a stop has begun ending the heartbeat, for tests. */
  boolean heartbeatStopping() {
    return heart != null && heart.isShutdown();
  }

  private static boolean joined(Thread thread) throws InterruptedException {
    if (thread == null) {
      return true;
    }
    thread.join(TimeUnit.SECONDS.toMillis(10));
    return !thread.isAlive();
  }

  private void heartbeatTick() {
    Duration delay = config.heartbeatInterval();
    try {
      beat();
      if (heartOutage) {
        heartOutage = false;
        LOG.info("Heartbeat written again");
      }
    } catch (RuntimeException e) {
      if (!heartOutage) {
        heartOutage = true;
        LOG.log(Level.WARNING, "Heartbeat failed, retrying: " + e.getMessage(), e);
      }
      if (config.pollInterval().compareTo(delay) < 0) {
        delay = config.pollInterval();
      }
    }
    try {
      heart.schedule(this::heartbeatTick, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // the session is stopping
    }
  }

  /**
   * Stops claiming, gives running work the configured grace, and stops the heartbeat last. Leaves
   * no thread behind.
   */
  void stop() {
    loop.stop();
    engine.close();
    try {
      publisher.withdraw();
    } catch (RuntimeException e) {
      // Its rows stay listed until the next session of this identity takes over, or retention.
      LOG.log(Level.WARNING, "Could not remove this session's published next runs: " + e, e);
    }
    try {
      launcher.stopAll(config.shutdownGrace());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Stopping running work failed: " + e, e);
    }
    // A beat in progress is let finish, not interrupted: an interrupt inside a statement closes the
    // embedded H2 database's file for the rest of the process (ClosedByInterruptException), and
    // the dashboard goes on using that database after the scheduler stops. Only a beat that
    // overruns the wait is interrupted.
    heart.shutdown();
    try {
      if (!heart.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warning("The heartbeat did not end within 10 s of the stop; interrupting it");
        heart.shutdownNow();
        heart.awaitTermination(5, TimeUnit.SECONDS);
      }
      // The executor reports termination before its thread has quite ended: wait for the thread.
      if (!joined(heartThread)) {
        LOG.warning("The heartbeat thread did not stop");
      }
    } catch (InterruptedException e) {
      heart.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("Scheduler session " + id + " stopped");
  }
}
