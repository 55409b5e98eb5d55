package com.taskscheduler.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The thread that repeats the engine's pass. It sleeps until the next fire time, at most one poll
 * interval (so edits by other tools are seen), and wakes early when asked (Run now, task edits). A
 * failing pass never ends it: it backs off, logs once per outage and resumes.
 */
final class EngineLoop implements Runnable {
  private static final Logger LOG = Logger.getLogger(EngineLoop.class.getName());
  static final String THREAD_NAME = "task-scheduler-engine";
  private static final long FIRST_BACKOFF_MS = 250;

  private final Supplier<Instant> pass;
  private final Clock clock;
  private final long pollMillis;
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean stopping;
  private volatile Thread thread;
  private volatile boolean inOutage;

  EngineLoop(Supplier<Instant> pass, Clock clock, Duration pollInterval) {
    this.pass = pass;
    this.clock = clock;
    this.pollMillis = Math.max(1, pollInterval.toMillis());
  }

  void start() {
    Thread t = new Thread(this, THREAD_NAME);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  Thread thread() {
    return thread;
  }

  /** True while passes fail (the database is unreachable). */
  boolean inOutage() {
    return inOutage;
  }

  /** Makes the loop run a pass now instead of at its next planned time. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** Ends the loop after its current pass and waits for the thread, within a bound. */
  void stop() {
    stopping = true;
    wake();
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    try {
      t.join(Duration.ofSeconds(30).toMillis());
      if (t.isAlive()) {
        LOG.warning("The scheduler loop did not end its pass within 30 s; interrupting it");
        t.interrupt();
        t.join(Duration.ofSeconds(5).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    long backoff = 0;
    while (!stopping) {
      long waitMillis;
      try {
        Instant next = pass.get();
        if (inOutage) {
          inOutage = false;
          LOG.info("Database reachable again: scheduling resumed");
        }
        backoff = 0;
        waitMillis = pollMillis;
        if (next != null) {
          long untilNext = Duration.between(clock.instant(), next).toNanos();
          // Round up: waking a fraction of a millisecond early would just pass again.
          long untilNextMillis = Math.max(1, (untilNext + 999_999) / 1_000_000);
          waitMillis = Math.min(waitMillis, untilNextMillis);
        }
      } catch (RuntimeException | LinkageError e) {
        if (stopping) {
          break;
        }
        if (!inOutage) {
          inOutage = true;
          LOG.log(
              Level.WARNING,
              "Scheduling pass failed, retrying with back-off up to "
                  + pollMillis
                  + " ms until it succeeds: "
                  + e.getMessage(),
              e);
        }
        backoff =
            backoff == 0
                ? Math.min(FIRST_BACKOFF_MS, pollMillis)
                : Math.min(backoff * 2, pollMillis);
        waitMillis = backoff;
      }
      await(waitMillis);
    }
  }

  private void await(long millis) {
    synchronized (signal) {
      try {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long left = millis;
        while (!woken && !stopping && left > 0) {
          signal.wait(left);
          left = (deadline - System.nanoTime()) / 1_000_000;
        }
      } catch (InterruptedException e) {
        stopping = true;
        Thread.currentThread().interrupt();
      }
      woken = false;
    }
  }
}
