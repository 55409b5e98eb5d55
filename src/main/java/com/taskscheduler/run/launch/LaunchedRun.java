package com.taskscheduler.run.launch;

import com.taskscheduler.run.launch.RunOutcome.Ending;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * A started script. {@link #completion()} completes once the process has ended and its output has
 * been drained; callbacks attached to it run on a launcher thread.
 */
public final class LaunchedRun {

  private static final Logger LOG = Logger.getLogger(LaunchedRun.class.getName());
  static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

  private final long runId;
  private final Process process;
  private final ProcessTree tree;
  private final Instant startedAt;
  private final Path outputFile;
  private final OutputDrain drain;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final Executor workers;
  private final Duration killGrace;

  private final CompletableFuture<RunOutcome> completion = new CompletableFuture<>();
  private final AtomicReference<Ending> requestedEnding = new AtomicReference<>();
  private final AtomicBoolean killStarted = new AtomicBoolean();
  private final AtomicBoolean finishing = new AtomicBoolean();
  private volatile boolean forceKillPending;
  private volatile ScheduledFuture<?> watch;
  private volatile ScheduledFuture<?> timeoutTask;
  private volatile long exitSeenNanos;

  LaunchedRun(
      long runId,
      Process process,
      Instant startedAt,
      Path outputFile,
      OutputDrain drain,
      Clock clock,
      ScheduledExecutorService timers,
      Executor workers,
      Duration killGrace) {
    this.runId = runId;
    this.process = process;
    this.tree = new ProcessTree(process.toHandle());
    this.startedAt = startedAt;
    this.outputFile = outputFile;
    this.drain = drain;
    this.clock = clock;
    this.timers = timers;
    this.workers = workers;
    this.killGrace = killGrace;
  }

  public long pid() {
    return process.pid();
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** {@code <outputDir>/<runId>.log}; grows while the script runs. */
  public Path outputFile() {
    return outputFile;
  }

  public CompletableFuture<RunOutcome> completion() {
    return completion;
  }

  /**
   * Kills the whole process tree; {@link #completion()} then reports {@link Ending#KILLED} (unless
   * the run had already timed out or ended). Returns at once; the forcible kill follows after the
   * grace period.
   */
  public void kill() {
    requestEnd(Ending.KILLED);
  }

  /** Starts watching: timeout, descendant sampling, end of process and of output. */
  void start(Duration timeout) {
    drain.finished().thenRun(this::afterDrain);
    long interval = WATCH_INTERVAL.toMillis();
    watch = timers.scheduleWithFixedDelay(this::watch, interval, interval, TimeUnit.MILLISECONDS);
    if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
      timeoutTask =
          timers.schedule(
              () -> requestEnd(Ending.TIMED_OUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void requestEnd(Ending ending) {
    if (completion.isDone() && drain.finished().isDone()) {
      return;
    }
    if (process.isAlive()) {
      requestedEnding.compareAndSet(null, ending);
    }
    if (!killStarted.compareAndSet(false, true)) {
      return;
    }
    LOG.info(() -> "Killing run " + runId + " (pid " + pid() + ", " + ending + ")");
    Set<ProcessHandle> targets = tree.terminate();
    forceKillPending = true;
    try {
      timers.schedule(() -> forceKill(targets), killGrace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      forceKill(targets);
    }
  }

  private void forceKill(Set<ProcessHandle> targets) {
    try {
      tree.forceKill(targets);
    } finally {
      forceKillPending = false;
    }
  }

  /** Kills what is left of the tree now, without grace; for closing the launcher. */
  void forceKillNow() {
    requestedEnding.compareAndSet(null, Ending.KILLED);
    killStarted.set(true);
    forceKill(tree.snapshot());
  }

  private void watch() {
    if (process.isAlive()) {
      tree.sample();
      return;
    }
    if (drain.finished().isDone()) {
      return; // afterDrain() finishes the run
    }
    // The process is gone but something it started still holds the output open.
    long now = System.nanoTime();
    if (exitSeenNanos == 0) {
      exitSeenNanos = now;
    } else if (now - exitSeenNanos >= killGrace.toNanos()) {
      LOG.warning(
          () ->
              "Run "
                  + runId
                  + " exited but a process it started still holds its output open;"
                  + " the run is reported finished and output keeps being captured");
      finish();
    }
  }

  private void afterDrain() {
    // End of output usually means the process ended; if it only closed its stdout, wait for it.
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    finish();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void finish() {
    if (!finishing.compareAndSet(false, true)) {
      return;
    }
    cancel(watch);
    cancel(timeoutTask);
    Ending ending = requestedEnding.get();
    Integer exitCode;
    try {
      exitCode = process.exitValue();
    } catch (IllegalThreadStateException notYet) {
      exitCode = null;
    }
    RunOutcome outcome =
        new RunOutcome(
            ending == null ? Ending.EXITED : ending, exitCode, clock.instant(), drain.truncated());
    if (drain.finished().isDone()) {
      completion.complete(outcome);
    } else {
      // Called from the timer thread: callers' callbacks must not hold up other runs' timeouts.
      try {
        workers.execute(() -> completion.complete(outcome));
      } catch (RejectedExecutionException closing) {
        completion.complete(outcome);
      }
    }
  }

  /** Nothing of this run needs the launcher's threads any more. */
  boolean settled() {
    return completion.isDone() && drain.finished().isDone() && !forceKillPending;
  }

  CompletableFuture<Boolean> drainFinished() {
    return drain.finished();
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }
}
