package com.taskscheduler.run.launch;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * What a prepared run's process runs until its start: read one line, then exec the script with
   * stdin from the null device; an end of input without the line (a cancel, or this JVM gone) exits
   * with nothing run.
   */
  public static final String WAIT_THEN_EXEC = "IFS= read -r go && exec \"$@\" </dev/null";

  private static final Duration STALE_PENDING = Duration.ofMinutes(1);

  /**
   * A script inherits the server's environment except this product's own secrets: no script needs
   * them, and the dashboard shows what a script prints. DATABASE_CONNECTION_STRING stays, as the
   * Python tool's scripts use it.
   */
  static void withholdSecrets(Map<String, String> env) {
    env.remove("TASK_SCHEDULER_DASHBOARD_PASSWORD");
    env.remove("DATABASE_PASSWORD");
  }

  private static final byte[] GO = "go\n".getBytes(StandardCharsets.US_ASCII);

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
  private final Set<PreparedRun> prepared = ConcurrentHashMap.newKeySet();
  private final String waiterShell;
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
    this.waiterShell = waiterShell(settings);
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
    if (waiterShell != null) {
      timers.execute(this::removeStalePendingFiles);
    }
  }

  /**
   * A server killed while it had prepared runs leaves their empty pending files behind (their
   * shells exit by themselves). A pending file lives for a claim lead, at most a second; older ones
   * are such leftovers, whichever server of this output directory left them.
   */
  private void removeStalePendingFiles() {
    Path dir = settings.outputDir();
    if (!Files.isDirectory(dir)) {
      return;
    }
    FileTime before = FileTime.from(clock.instant().minus(STALE_PENDING));
    int removed = 0;
    try (var files = Files.newDirectoryStream(dir, "*.log.pending")) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).compareTo(before) < 0) {
          Files.deleteIfExists(file);
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Could not remove stale pending output files in " + dir, e);
    }
    if (removed > 0) {
      int count = removed;
      LOG.info(() -> "Removed " + count + " pending output file(s) left by a stopped server");
    }
  }

  /**
   * Validates the script, starts it and returns at once.
   *
   * @throws LaunchRefusedException the script path, interpreter or environment is unacceptable or
   *     the process could not be started; no process is running
   */
  public LaunchedRun launch(LaunchRequest request) throws LaunchRefusedException {
    refuseIfClosed();
    active.removeIf(LaunchedRun::settled);

    ResolvedScript validated = resolver.resolve(request.scriptFolder(), request.scriptName());
    commands.command(validated.realFile().toString()); // refuse interpreter problems early
    Path outputFile = outputFile(settings.outputDir(), request.runId());
    OutputStream output = openOutput(outputFile);
    Process process;
    try {
      hook.afterValidation(validated);
      ResolvedScript script = resolver.revalidate(validated);
      process =
          builder(request, script, commands.command(script.realFile().toString()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
    } catch (LaunchRefusedException | IOException | RuntimeException e) {
      closeQuietly(output);
      deleteQuietly(outputFile);
      if (e instanceof LaunchRefusedException) {
        throw (LaunchRefusedException) e;
      }
      throw new LaunchRefusedException("Could not start " + validated.display() + ": " + e, e);
    }
    // A run caught up after its server died inside the claim lead: that server's prepared output
    // file of this run is empty and now belongs to nothing.
    deleteQuietly(pendingFile(outputFile));
    return watch(
        request.runId(),
        validated,
        process,
        output,
        outputFile,
        clock.instant(),
        request.timeout());
  }

  /**
   * Makes the run's process ahead of its instant, so that {@link PreparedRun#start} has only the
   * script's own exec left to do: on a shared virtual machine, creating a process after a second of
   * idleness costs 10 to 30 ms, several times what the same start costs warm. The process is a
   * shell that waits for one line on its stdin and then replaces itself with the script (same pid,
   * stdin from the null device, as a direct start), or exits without running anything when its
   * stdin closes instead. Its output file exists only under a pending name until the start, since a
   * missing output file is what proves a run never started.
   *
   * @return empty when this run cannot be prepared (no POSIX shell, an unacceptable script, a
   *     missing interpreter, an I/O error): {@link #launch} then starts it, or refuses it with the
   *     reason, at its instant
   */
  public Optional<PreparedRun> prepare(LaunchRequest request) {
    if (waiterShell == null) {
      return Optional.empty();
    }
    Path outputFile = outputFile(settings.outputDir(), request.runId());
    Path pending = pendingFile(outputFile);
    OutputStream output = null;
    try {
      refuseIfClosed();
      ResolvedScript validated = resolver.resolve(request.scriptFolder(), request.scriptName());
      List<String> command = commands.command(validated.realFile().toString());
      if (!onPath(command.get(0))) {
        return Optional.empty(); // launch() refuses it with the usual message
      }
      List<String> waiter = new ArrayList<>(List.of(waiterShell, "-c", WAIT_THEN_EXEC, "sh"));
      waiter.addAll(command);
      output = openOutput(pending);
      Process process = builder(request, validated, waiter).start();
      PreparedRun run =
          new PreparedRun(this, request, validated, process, output, pending, outputFile);
      synchronized (lock) {
        if (closed) {
          run.cancel();
          return Optional.empty();
        }
        prepared.add(run);
      }
      return Optional.of(run);
    } catch (LaunchRefusedException | IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Run " + request.runId() + " not prepared; it starts at its instant", e);
      if (output != null) {
        closeQuietly(output);
        deleteQuietly(pending);
      }
      return Optional.empty();
    }
  }

  /**
   * Called by {@link PreparedRun#stage}: the checks of a direct start, then the output file under
   * its own name, which must exist before the script can run (its absence proves a run never
   * started).
   */
  void stage(PreparedRun run) throws LaunchRefusedException {
    ResolvedScript validated = run.script();
    try {
      refuseIfClosed();
      hook.afterValidation(validated);
      resolver.revalidate(validated);
      Files.move(run.pendingFile(), run.outputFile(), StandardCopyOption.ATOMIC_MOVE);
    } catch (LaunchRefusedException | IOException | RuntimeException e) {
      prepared.remove(run);
      run.discard();
      throw refusal(validated, e);
    }
  }

  /** Called by {@link PreparedRun#signal} once staged: the line that makes the shell exec. */
  Instant signal(PreparedRun run) throws LaunchRefusedException {
    prepared.remove(run);
    ResolvedScript validated = run.script();
    try {
      refuseIfClosed();
      OutputStream signal = run.process().getOutputStream();
      // One line, written at once (a pipe never splits so short a write): the shell execs now.
      signal.write(GO);
      signal.flush();
      closeQuietly(signal);
    } catch (LaunchRefusedException | IOException | RuntimeException e) {
      run.discard();
      throw refusal(validated, e);
    }
    return clock.instant();
  }

  private static LaunchRefusedException refusal(ResolvedScript validated, Exception e) {
    return e instanceof LaunchRefusedException
        ? (LaunchRefusedException) e
        : new LaunchRefusedException("Could not start " + validated.display() + ": " + e, e);
  }

  /** Called by {@link PreparedRun#start} once the script runs: watching it as a direct start. */
  LaunchedRun watch(PreparedRun run, Instant startedAt, Duration timeout) {
    return watch(
        run.runId(),
        run.script(),
        run.process(),
        run.output(),
        run.outputFile(),
        startedAt,
        timeout);
  }

  /** Called by {@link PreparedRun#cancel}. */
  void forget(PreparedRun run) {
    prepared.remove(run);
  }

  private LaunchedRun watch(
      long runId,
      ResolvedScript validated,
      Process process,
      OutputStream output,
      Path outputFile,
      Instant startedAt,
      Duration timeout) {
    String what = "run " + runId + " (" + validated.display() + ")";
    OutputDrain drain =
        new OutputDrain(process.getInputStream(), output, settings.outputCapBytes(), what);
    LaunchedRun run =
        new LaunchedRun(
            runId,
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
      run.start(timeout);
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

  private void refuseIfClosed() throws LaunchRefusedException {
    synchronized (lock) {
      if (closed) {
        throw new LaunchRefusedException("The launcher is shut down; not starting new runs");
      }
    }
  }

  /**
   * Where a run's output goes. It is created before the process starts, so a run whose file does
   * not exist was never started.
   */
  public static Path outputFile(Path outputDir, long runId) {
    return outputDir.resolve(runId + ".log");
  }

  /** Where a prepared run's output goes until it starts. */
  static Path pendingFile(Path outputFile) {
    return outputFile.resolveSibling(outputFile.getFileName() + ".pending");
  }

  private ProcessBuilder builder(LaunchRequest request, ResolvedScript script, List<String> command)
      throws LaunchRefusedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(script.workingDir().toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    withholdSecrets(env);
    putEnv(env, "TASK_SCHEDULER_TASK_ID", Long.toString(request.taskId()));
    putEnv(env, "TASK_SCHEDULER_RUN_ID", Long.toString(request.runId()));
    putEnv(
        env, "TASK_SCHEDULER_SESSION_ID", request.sessionId() == null ? "" : request.sessionId());
    if (script.extension().equals("py")) {
      // Python block-buffers a pipe; unbuffered keeps stdout and stderr in their real order.
      putEnv(env, "PYTHONUNBUFFERED", "1");
    }
    return builder;
  }

  /**
   * Whether the program a prepared shell would exec exists: a missing interpreter must be refused
   * with its message at the instant, not turn into the shell's exit code 127.
   */
  private static boolean onPath(String program) {
    if (program.indexOf('/') >= 0) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static String waiterShell(LauncherSettings settings) {
    Path sh = Path.of("/bin/sh");
    return settings.os().isWindows() || !Files.isExecutable(sh) ? null : sh.toString();
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
    List.copyOf(prepared).forEach(PreparedRun::cancel);
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

  static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException ignored) {
      // Nothing was written; the file is deleted next.
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.FINE, "Cannot delete unused output file " + file, e);
    }
  }
}
