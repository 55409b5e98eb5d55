package com.taskscheduler.run.launch;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts scripts as child processes (§6) and watches them until they end. Owns two small thread
 * pools (a timer and one output-draining thread per running script); {@link #close()} kills what
 * still runs and stops them.
 */
public final class ScriptLauncher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ScriptLauncher.class.getName());
  private static final Duration CLOSE_EXTRA_WAIT = Duration.ofSeconds(2);

  /** Runs between validation and start; a seam for testing a file swapped in that window. */
  interface BeforeStartHook {
    void afterValidation(ResolvedScript validated) throws IOException;
  }

  private final LauncherSettings settings;
  private final Clock clock;
  private final ScriptPathResolver resolver;
  private final CommandBuilder commands;
  private final BeforeStartHook hook;
  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService workers;
  private final Set<LaunchedRun> active = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private boolean closed;

  public ScriptLauncher(LauncherSettings settings, Clock clock) {
    this(settings, clock, validated -> {});
  }

  ScriptLauncher(LauncherSettings settings, Clock clock, BeforeStartHook hook) {
    this.settings = settings;
    this.clock = clock;
    this.resolver = new ScriptPathResolver(settings.scriptsRoot());
    this.commands = new CommandBuilder(settings);
    this.hook = hook;
    this.timers = new ScheduledThreadPoolExecutor(1, daemonThreads("task-launcher-timer"));
    this.timers.setRemoveOnCancelPolicy(true);
    this.workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemonThreads("task-launcher-output"));
  }

  /**
   * Validates the script, starts it and returns at once.
   *
   * @throws LaunchRefusedException the script path, interpreter or environment is unacceptable or
   *     the process could not be started; no process is running
   */
  public LaunchedRun launch(LaunchRequest request) throws LaunchRefusedException {
    synchronized (lock) {
      if (closed) {
        throw new LaunchRefusedException("The launcher is shut down; not starting new runs");
      }
    }
    active.removeIf(LaunchedRun::settled);

    ResolvedScript validated = resolver.resolve(request.scriptFolder(), request.scriptName());
    commands.command(validated.realFile().toString()); // refuse interpreter problems early
    Path outputFile = outputFile(settings.outputDir(), request.runId());
    OutputStream output = openOutput(outputFile);
    Process process;
    try {
      hook.afterValidation(validated);
      process = start(request, resolver.revalidate(validated));
    } catch (LaunchRefusedException | IOException | RuntimeException e) {
      closeQuietly(output);
      deleteQuietly(outputFile);
      if (e instanceof LaunchRefusedException) {
        throw (LaunchRefusedException) e;
      }
      throw new LaunchRefusedException("Could not start " + validated.display() + ": " + e, e);
    }
    Instant startedAt = clock.instant();

    String what = "run " + request.runId() + " (" + validated.display() + ")";
    OutputDrain drain =
        new OutputDrain(process.getInputStream(), output, settings.outputCapBytes(), what);
    LaunchedRun run =
        new LaunchedRun(
            request.runId(),
            process,
            startedAt,
            outputFile,
            drain,
            clock,
            timers,
            workers,
            settings.killGrace());
    boolean closedMeanwhile;
    synchronized (lock) {
      closedMeanwhile = closed;
      active.add(run);
    }
    try {
      run.start(request.timeout());
      workers.execute(drain);
    } catch (RejectedExecutionException e) {
      closedMeanwhile = true;
      run.forceKillNow();
      new Thread(drain, "task-launcher-output-late").start();
    }
    if (closedMeanwhile) {
      run.forceKillNow();
    }
    LOG.fine(() -> "Started " + what + " as pid " + run.pid());
    return run;
  }

  /**
   * Where a run's output goes. It is created before the process starts, so a run whose file does
   * not exist was never started.
   */
  public static Path outputFile(Path outputDir, long runId) {
    return outputDir.resolve(runId + ".log");
  }

  private Process start(LaunchRequest request, ResolvedScript script)
      throws LaunchRefusedException, IOException {
    List<String> command = commands.command(script.realFile().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(script.workingDir().toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    Map<String, String> env = builder.environment();
    putEnv(env, "TASK_SCHEDULER_TASK_ID", Long.toString(request.taskId()));
    putEnv(env, "TASK_SCHEDULER_RUN_ID", Long.toString(request.runId()));
    putEnv(
        env, "TASK_SCHEDULER_SESSION_ID", request.sessionId() == null ? "" : request.sessionId());
    if (script.extension().equals("py")) {
      // Python block-buffers a pipe; unbuffered keeps stdout and stderr in their real order.
      putEnv(env, "PYTHONUNBUFFERED", "1");
    }
    return builder.start();
  }

  private static void putEnv(Map<String, String> env, String name, String value)
      throws LaunchRefusedException {
    if (value.indexOf('\0') >= 0) {
      throw new LaunchRefusedException(name + " must not contain a NUL character");
    }
    env.put(name, value);
  }

  private static File nullDevice() {
    return new File(OperatingSystem.current().isWindows() ? "NUL" : "/dev/null");
  }

  private static OutputStream openOutput(Path outputFile) throws LaunchRefusedException {
    try {
      Files.createDirectories(outputFile.getParent());
      return Files.newOutputStream(
          outputFile,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new LaunchRefusedException("Cannot create the output file " + outputFile + ": " + e, e);
    }
  }

  /**
   * Stops launching, kills every run still going (whole trees, graceful then forcible) and stops
   * the launcher's threads. Completions of killed runs report KILLED. Bounded: waits at most about
   * twice the kill grace plus a few seconds.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    List<LaunchedRun> runs = List.copyOf(active);
    runs.forEach(LaunchedRun::kill);
    Duration wait = settings.killGrace().plus(CLOSE_EXTRA_WAIT);
    await(runs.stream().map(LaunchedRun::completion).toArray(CompletableFuture[]::new), wait);
    for (LaunchedRun run : runs) {
      if (!run.settled()) {
        run.forceKillNow();
      }
    }
    await(runs.stream().map(LaunchedRun::drainFinished).toArray(CompletableFuture[]::new), wait);
    timers.shutdownNow();
    workers.shutdown();
    try {
      if (!timers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)
          || !workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        // Only possible when a process that escaped the tree still holds a run's output open.
        LOG.warning("Some launcher threads are still draining output of escaped processes");
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CompletableFuture<?>[] futures, Duration wait) {
    try {
      CompletableFuture.allOf(futures).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.FINE, "Not every run ended in time while closing", e);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException ignored) {
      // Nothing was written; the file is deleted next.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.FINE, "Cannot delete unused output file " + file, e);
    }
  }
}
