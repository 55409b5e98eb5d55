package com.taskscheduler.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The thread that repeats the engine's pass. It sleeps until the time the pass asked for (a fire's
 * instant, or the moment to claim a fire ahead of it), at most one poll interval (so edits by other
 * tools are seen), and wakes early when asked (Run now, task edits). A failing pass never ends it:
 * it backs off, logs once per outage and resumes.
 */
final class EngineLoop implements Runnable {
  private static final Logger LOG = Logger.getLogger(EngineLoop.class.getName());
  static final String THREAD_NAME = "task-scheduler-engine";
  private static final long FIRST_BACKOFF_MS = 250;

  private final Supplier<Instant> pass;
  private final Clock clock;
  private final long pollMillis;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signal = lock.newCondition();
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
    lock.lock();
    try {
      woken = true;
      signal.signalAll();
    } finally {
      lock.unlock();
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
      long waitNanos;
      try {
        Instant next = pass.get();
        if (inOutage) {
          inOutage = false;
          LOG.info("Database reachable again: scheduling resumed");
        }
        backoff = 0;
        waitNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
        if (next != null) {
          // To the nanosecond: a fire's process starts when this wait ends, and a millisecond
          // timer would add up to a millisecond of lag to every fire.
          long untilNext = Math.max(1, Duration.between(clock.instant(), next).toNanos());
          waitNanos = Math.min(waitNanos, untilNext);
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
        waitNanos = TimeUnit.MILLISECONDS.toNanos(backoff);
      }
      await(waitNanos);
    }
  }

  private void await(long nanos) {
    lock.lock();
    try {
      long left = nanos;
      while (!woken && !stopping && left > 0) {
        left = signal.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      stopping = true;
      Thread.currentThread().interrupt();
    } finally {
      woken = false;
      lock.unlock();
    }
  }
}
