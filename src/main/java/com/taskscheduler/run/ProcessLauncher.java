package com.taskscheduler.run;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.run.RunLifecycle.Ending;
import com.taskscheduler.run.launch.LaunchRefusedException;
import com.taskscheduler.run.launch.LaunchRequest;
import com.taskscheduler.run.launch.LaunchedRun;
import com.taskscheduler.run.launch.LauncherSettings;
import com.taskscheduler.run.launch.PreparedRun;
import com.taskscheduler.run.launch.RunOutcome;
import com.taskscheduler.run.launch.ScriptLauncher;
import com.taskscheduler.scheduler.Launcher;
import com.taskscheduler.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs claimed runs as real processes (§6) and keeps their rows in step: StartedAt and OutputPath
 * when the process starts, the final status when it ends, {@code Failed} with a reason when nothing
 * could be started. Every final status goes through {@link RunLifecycle}, so a row another writer
 * already finalised is kept as it is.
 */
public final class ProcessLauncher implements Launcher {

  private static final Logger LOG = Logger.getLogger(ProcessLauncher.class.getName());

  static final String STOPPED_REASON = "scheduler stopped";
  static final String KILLED_REASON = "killed on request";
  static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

  /**
   * How long the recorder waits after a start before it writes the starts gathered by then. A
   * burst's scripts are still starting for tens of milliseconds after they were told to go, and the
   * rows' transaction (run in this JVM with H2) would take a core from them (docs/benchmarks.md,
   * fix 20). A crash in between loses nothing: the run's output file already marks it as possibly
   * started, so it is marked Lost, never run again (LostRuns).
   */
  static final Duration START_RECORD_DELAY = Duration.ofMillis(100);

  /** A database that blinks must not lose a run's outcome: about half a minute of retries. */
  static final List<Duration> DEFAULT_RETRY_DELAYS =
      List.of(
          Duration.ofMillis(200),
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(4),
          Duration.ofSeconds(8),
          Duration.ofSeconds(15));

  private final ScriptLauncher processes;
  private final boolean prepare;
  private final RunLifecycle lifecycle;
  private final RunRepository runs;
  private final Clock clock;
  private final RunListener listener;
  private final Duration killGrace;
  private final List<Duration> retryDelays;
  private final ScheduledThreadPoolExecutor recorder;
  private final Map<Integer, Active> active = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Queue<PendingStart> pendingStarts = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean startsScheduled = new AtomicBoolean();

  public ProcessLauncher(AppConfig config, Database database, Clock clock, RunListener listener) {
    this(
        settings(config),
        database,
        clock,
        listener,
        DEFAULT_RETRY_DELAYS,
        config.prepareProcesses());
  }

  ProcessLauncher(
      LauncherSettings settings,
      Database database,
      Clock clock,
      RunListener listener,
      List<Duration> retryDelays) {
    this(settings, database, clock, listener, retryDelays, true);
  }

  ProcessLauncher(
      LauncherSettings settings,
      Database database,
      Clock clock,
      RunListener listener,
      List<Duration> retryDelays,
      boolean prepare) {
    this.prepare = prepare;
    this.processes = new ScriptLauncher(settings, clock);
    this.lifecycle = new RunLifecycle(database);
    this.runs = new RunRepository(database);
    this.clock = clock;
    this.listener = listener == null ? RunListener.NONE : listener;
    this.killGrace = settings.killGrace();
    this.retryDelays = List.copyOf(retryDelays);
    AtomicInteger count = new AtomicInteger();
    // Our own threads: a completion may need seconds of retries, which must not hold up the
    // launcher's timer (other runs' timeouts) or its output threads.
    this.recorder =
        new ScheduledThreadPoolExecutor(
            2,
            task -> {
              Thread thread =
                  new Thread(task, "task-scheduler-run-recorder-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.recorder.setRemoveOnCancelPolicy(true);
  }

  static LauncherSettings settings(AppConfig config) {
    return LauncherSettings.defaults(config.scriptsRoot(), config.outputDir())
        .withPython(config.python())
        .withConda(config.condaActivateBinPath(), config.condaEnvName())
        .withOutputCapBytes(config.outputCapBytes());
  }

  @Override
  public void launch(Task task, Run run, String sessionId) {
    LaunchRequest request = request(task, run, sessionId);
    started(task, run, () -> processes.launch(request));
  }

  @Override
  public Prepared prepare(Task task, Run run, String sessionId) {
    if (!prepare) {
      return null;
    }
    return processes
        .prepare(request(task, run, sessionId))
        .map(ready -> new Ready(ready, run, sessionId))
        .orElse(null);
  }

  /** A prepared run; any problem with it falls back to a direct start at the instant. */
  private final class Ready implements Prepared {
    private final PreparedRun prepared;
    private final Run run;
    private final String sessionId;

    Ready(PreparedRun prepared, Run run, String sessionId) {
      this.prepared = prepared;
      this.run = run;
      this.sessionId = sessionId;
    }

    @Override
    public void stage(Task now) {
      ahead(now, prepared::stage);
    }

    @Override
    public void signal(Task now) {
      ahead(now, prepared::signal);
    }

    /** A step taken before launch(), for the script it was prepared for only. */
    private void ahead(Task now, Step step) {
      if (asPrepared(now)) {
        try {
          step.take();
        } catch (LaunchRefusedException e) {
          refused(e); // launch() falls back to a direct start
        }
      }
    }

    @Override
    public void launch(Task now) {
      // An edited script replaces the waiting one; once signalled, the script runs whatever the
      // task says now, and is watched.
      if (!asPrepared(now) && prepared.cancel()) {
        ProcessLauncher.this.launch(now, run, sessionId);
        return;
      }
      Duration timeout = timeout(now);
      started(
          now,
          run,
          () -> {
            try {
              return prepared.start(timeout);
            } catch (LaunchRefusedException e) {
              refused(e);
              // Whatever went wrong with the waiting process, a direct start gives the run its
              // usual chance, or its usual refusal.
              return processes.launch(request(now, run, sessionId));
            }
          });
    }

    @Override
    public void cancel() {
      prepared.cancel();
    }

    private boolean asPrepared(Task now) {
      LaunchRequest request = prepared.request();
      return Objects.equals(now.getScriptFolder(), request.scriptFolder())
          && Objects.equals(now.getScriptName(), request.scriptName());
    }

    private void refused(LaunchRefusedException e) {
      LOG.fine(() -> "Prepared run " + run.getId() + " not started: " + e.getMessage());
    }
  }

  private static LaunchRequest request(Task task, Run run, String sessionId) {
    int runId = Objects.requireNonNull(run.getId(), "the run's row must be written first");
    int taskId = Objects.requireNonNull(task.getId(), "the task must be stored");
    return new LaunchRequest(
        taskId, runId, sessionId, task.getScriptFolder(), task.getScriptName(), timeout(task));
  }

  /** A step of a prepared run before its start ({@code stage}, {@code signal}). */
  private interface Step {
    void take() throws LaunchRefusedException;
  }

  /** What starts a process, or refuses to. */
  private interface Start {
    LaunchedRun start() throws LaunchRefusedException;
  }

  private void started(Task task, Run run, Start start) {
    int runId = run.getId();
    int taskId = task.getId();
    Duration timeout = timeout(task);
    LaunchedRun process;
    try {
      process = start.start();
    } catch (LaunchRefusedException e) {
      LOG.warning(() -> "Run " + runId + " of task " + taskId + " not started: " + e.getMessage());
      refuse(runId, e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Run " + runId + " of task " + taskId + " could not be started", e);
      refuse(runId, "Could not start the script: " + e);
      return;
    }

    String outputPath = process.outputFile().toString();
    Active entry = new Active(runId, taskId, process, timeout);
    active.put(runId, entry);
    run.setStartedAt(process.startedAt());
    run.setOutputPath(outputPath);
    // Recorded off the caller's thread, a burst's starts in one transaction, a moment later: the
    // next process starts without waiting for the database. The final update writes StartedAt and
    // OutputPath again anyway.
    pendingStarts.add(new PendingStart(entry, run, outputPath));
    if (startsScheduled.compareAndSet(false, true)) {
      try {
        recorder.schedule(this::recordStarts, START_RECORD_DELAY.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        recordStarts();
      }
    }
  }

  private record PendingStart(Active entry, Run run, String outputPath) {}

  private void recordStarts() {
    startsScheduled.set(false);
    List<PendingStart> batch = new ArrayList<>();
    for (PendingStart next = pendingStarts.poll(); next != null; next = pendingStarts.poll()) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    Set<Integer> notInRun = Set.of();
    try {
      notInRun =
          lifecycle.markStarted(
              batch.stream()
                  .map(
                      p ->
                          new RunLifecycle.Start(
                              p.entry().runId, p.entry().process.startedAt(), p.outputPath()))
                  .toList());
    } catch (RuntimeException e) {
      // Not lost: the final update writes StartedAt and OutputPath again.
      LOG.log(Level.WARNING, "Could not record the start of " + batch.size() + " run(s)", e);
    }
    for (PendingStart p : batch) {
      started(p, notInRun.contains(p.entry().runId));
    }
  }

  private void started(PendingStart p, boolean finalisedBefore) {
    Active entry = p.entry();
    int runId = entry.runId;
    LaunchedRun process = entry.process;
    Run run = p.run();
    if (finalisedBefore) {
      LOG.warning(
          () ->
              "Run "
                  + runId
                  + " was finalised by another writer before its process started;"
                  + " the process runs, its row is kept as it is");
    }
    LOG.info(
        () ->
            "Started "
                + run.getScriptFile()
                + " (task "
                + entry.taskId
                + ", run "
                + runId
                + ", "
                + run.getTriggeredBy()
                + ", pid "
                + process.pid()
                + ")");
    notify("started", run, listener::started);
    // Attached only now, so "started" is always told before "ended".
    process
        .completion()
        .whenCompleteAsync((outcome, error) -> ended(entry, outcome, error), recorder);
  }

  private static Duration timeout(Task task) {
    Integer seconds = task.getTimeoutSeconds();
    return seconds == null || seconds <= 0 ? null : Duration.ofSeconds(seconds);
  }

  private void refuse(int runId, String reason) {
    Ending ending = Ending.refused(clock.instant(), reason);
    CompletableFuture<Optional<Run>> done = new CompletableFuture<>();
    // The first attempt on the caller's thread: the engine sees the row Failed when launch returns.
    record(runId, ending, 0, done);
    done.thenAccept(stored -> stored.ifPresent(row -> notify("ended", row, listener::ended)));
  }

  private void ended(Active entry, RunOutcome outcome, Throwable error) {
    Ending ending = ending(entry, outcome, error);
    CompletableFuture<Optional<Run>> done = new CompletableFuture<>();
    record(entry.runId, ending, 0, done);
    done.whenComplete(
        (stored, ignored) -> {
          active.remove(entry.runId, entry);
          if (stored != null) {
            stored.ifPresent(
                row -> {
                  logEnd(row);
                  notify("ended", row, listener::ended);
                });
          }
          entry.recorded.complete(null);
        });
  }

  /** One line per finished run in the scheduler's log, at the level its status deserves. */
  private static void logEnd(Run row) {
    boolean success = RunStatus.SUCCESS.value().equals(row.getStatus());
    LOG.log(
        success ? Level.INFO : Level.WARNING,
        () ->
            row.getScriptFile()
                + " (task "
                + row.getTaskId()
                + ", run "
                + row.getId()
                + ") ended "
                + row.getStatus()
                + (row.getExitCode() == null ? "" : ", exit code " + row.getExitCode())
                + (row.getDurationMs() == null ? "" : ", " + row.getDurationMs() + " ms")
                + (row.getReason() == null ? "" : ": " + row.getReason()));
  }

  private Ending ending(Active entry, RunOutcome outcome, Throwable error) {
    Instant started = entry.process.startedAt();
    String output = entry.process.outputFile().toString();
    if (error != null) {
      Instant now = clock.instant();
      return new Ending(
          RunStatus.FAILED,
          started,
          output,
          now,
          null,
          millisBetween(started, now),
          "The launcher lost track of the process: " + error);
    }
    Instant finished = outcome.finishedAt();
    Integer exitCode = outcome.exitCode();
    RunStatus status;
    String reason = null;
    switch (outcome.ending()) {
      case TIMED_OUT -> {
        status = RunStatus.TIMEOUT;
        reason = "timed out after " + entry.timeout.toSeconds() + " s";
      }
      case KILLED -> {
        status = RunStatus.KILLED;
        reason = Objects.requireNonNullElse(entry.killReason.get(), KILLED_REASON);
      }
      default -> {
        status = exitCode != null && exitCode == 0 ? RunStatus.SUCCESS : RunStatus.FAILED;
        if (exitCode == null) {
          reason = "the exit code could not be read";
        }
      }
    }
    return new Ending(
        status, started, output, finished, exitCode, millisBetween(started, finished), reason);
  }

  /** In whole stored milliseconds, so DurationMs = FinishedAt - StartedAt as the row shows them. */
  private static Long millisBetween(Instant from, Instant to) {
    return Math.max(
        0,
        to.truncatedTo(ChronoUnit.MILLIS).toEpochMilli()
            - from.truncatedTo(ChronoUnit.MILLIS).toEpochMilli());
  }

  /**
   * Writes {@code ending}, retrying with back-off while the database fails. Completes {@code done}
   * with the stored row, or empty when another writer had finalised it or every attempt failed.
   */
  private void record(
      int runId, Ending ending, int attempt, CompletableFuture<Optional<Run>> done) {
    Optional<Run> stored;
    try {
      stored = lifecycle.finish(runId, ending);
    } catch (RuntimeException e) {
      if (attempt >= retryDelays.size()) {
        LOG.log(
            Level.SEVERE,
            "GAVE UP recording run "
                + runId
                + " as "
                + ending
                + " after "
                + (attempt + 1)
                + " attempts; its row stays 'Run' until it is marked Lost",
            e);
        done.complete(Optional.empty());
        return;
      }
      Duration delay = retryDelays.get(attempt);
      LOG.warning(
          "Recording run "
              + runId
              + " as "
              + ending.status().value()
              + " failed (attempt "
              + (attempt + 1)
              + "), retrying in "
              + delay.toMillis()
              + " ms: "
              + e);
      try {
        recorder.schedule(
            () -> record(runId, ending, attempt + 1, done), delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        LOG.severe("Launcher closed; run " + runId + " is NOT recorded as " + ending);
        done.complete(Optional.empty());
      }
      return;
    }
    if (stored.isEmpty()) {
      LOG.info(
          () ->
              "Run "
                  + runId
                  + " ended as "
                  + ending.status().value()
                  + " but its row was already finalised as "
                  + currentStatus(runId)
                  + "; keeping that");
    }
    done.complete(stored);
  }

  private String currentStatus(int runId) {
    try {
      return runs.find(runId).map(Run::getStatus).orElse("(row gone)");
    } catch (RuntimeException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void notify(String what, Run run, java.util.function.Consumer<Run> target) {
    try {
      target.accept(run);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A run listener failed on " + what + " of run " + run.getId(), e);
    }
  }

  @Override
  public boolean isRunning(int taskId) {
    return active.values().stream().anyMatch(entry -> entry.taskId == taskId);
  }

  @Override
  public boolean kill(int runId) {
    Active entry = active.get(runId);
    if (entry == null || entry.process.completion().isDone()) {
      return false;
    }
    entry.killReason.compareAndSet(null, KILLED_REASON);
    entry.process.kill();
    return true;
  }

  @Override
  public void stopAll(Duration grace) {
    List<Active> running = List.copyOf(active.values());
    if (running.isEmpty()) {
      return;
    }
    LOG.info(
        () ->
            "Stopping: giving "
                + running.size()
                + " running script(s) up to "
                + grace.toMillis()
                + " ms to end");
    await(running, grace);
    for (Active entry : running) {
      if (!entry.process.completion().isDone()) {
        entry.killReason.compareAndSet(null, STOPPED_REASON);
        entry.process.kill();
      }
    }
    Duration recording =
        killGrace
            .multipliedBy(2)
            .plusSeconds(5)
            .plus(retryDelays.stream().reduce(Duration.ZERO, Duration::plus));
    if (!await(running, recording)) {
      LOG.warning(
          () ->
              "Stopping: not every run's row was recorded within "
                  + recording.toSeconds()
                  + " s: "
                  + running.stream().filter(e -> !e.recorded.isDone()).map(e -> e.runId).toList());
    }
  }

  private static boolean await(List<Active> entries, Duration wait) {
    CompletableFuture<?>[] futures =
        entries.stream().map(entry -> entry.recorded).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(futures).get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopAll(CLOSE_GRACE);
    processes.close();
    recorder.shutdown();
    try {
      long bound =
          retryDelays.stream().reduce(Duration.ZERO, Duration::plus).plusSeconds(5).toMillis();
      if (!recorder.awaitTermination(bound, TimeUnit.MILLISECONDS)) {
        LOG.warning("Run rows still being recorded when closing; giving up on them");
        recorder.shutdownNow();
      }
    } catch (InterruptedException e) {
      recorder.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** A run whose process was started here and whose row is not yet recorded. */
  private static final class Active {
    final int runId;
    final int taskId;
    final LaunchedRun process;
    final Duration timeout;
    final AtomicReference<String> killReason = new AtomicReference<>();
    final CompletableFuture<Void> recorded = new CompletableFuture<>();

    Active(int runId, int taskId, LaunchedRun process, Duration timeout) {
      this.runId = runId;
      this.taskId = taskId;
      this.process = process;
      this.timeout = timeout;
    }
  }
}
