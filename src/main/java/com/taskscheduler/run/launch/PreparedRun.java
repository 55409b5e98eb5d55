package com.taskscheduler.run.launch;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run whose process waits for its instant (see {@link ScriptLauncher#prepare}): it is either
 * cancelled, or signalled and then started (watched); never both, each once.
 */
public final class PreparedRun {

  private final ScriptLauncher launcher;
  private final LaunchRequest request;
  private final ResolvedScript script;
  private final Process process;
  private final OutputStream output;
  private final Path pendingFile;
  private final Path outputFile;
  private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
  private volatile Instant startedAt;
  private volatile LaunchRefusedException refusal;

  private enum State {
    WAITING,
    STAGING,
    STAGED,
    SIGNALLING,
    SIGNALLED,
    STARTED,
    REFUSED,
    CANCELLED
  }

  PreparedRun(
      ScriptLauncher launcher,
      LaunchRequest request,
      ResolvedScript script,
      Process process,
      OutputStream output,
      Path pendingFile,
      Path outputFile) {
    this.launcher = launcher;
    this.request = request;
    this.script = script;
    this.process = process;
    this.output = output;
    this.pendingFile = pendingFile;
    this.outputFile = outputFile;
  }

  /** What was prepared: the script as the task named it then. */
  public LaunchRequest request() {
    return request;
  }

  /**
   * Does what must precede the script's exec, a moment before the instant: the checks of a direct
   * start (the path is resolved again) and the output file under its own name (from then on it
   * exists, as for any started run). {@link #signal} is then only the line that makes the shell
   * exec the script. Optional (signal stages first) and done once; a cancel still ends it.
   *
   * @throws LaunchRefusedException the script changed or the launcher is shut down; nothing runs
   *     then and nothing is left to start
   * @throws IllegalStateException signalled, started or cancelled before
   */
  public void stage() throws LaunchRefusedException {
    if (!state.compareAndSet(State.WAITING, State.STAGING)) {
      State now = state.get();
      if (now == State.STAGED) {
        return;
      }
      if (now == State.REFUSED) {
        throw new LaunchRefusedException(refusal.getMessage(), refusal);
      }
      throw new IllegalStateException("Run " + request.runId() + " is " + now);
    }
    try {
      launcher.stage(this);
      // Only the engine's pass stages and cancels, one after the other; a launcher closed
      // meanwhile refuses the signal and discards the run then.
      state.set(State.STAGED);
    } catch (LaunchRefusedException | RuntimeException e) {
      refuse(e);
      throw e;
    }
  }

  /**
   * Makes the waiting process run the script now (staging it first unless {@link #stage} did).
   * {@link #start} must follow: until then nobody watches the script's timeout. Split from it so
   * that a burst's scripts all get going before any of them is watched.
   *
   * @throws LaunchRefusedException as {@link #stage}, or the waiting process is gone; nothing runs
   *     then and nothing is left to start
   * @throws IllegalStateException signalled, started or cancelled before
   */
  public void signal() throws LaunchRefusedException {
    stage();
    if (!state.compareAndSet(State.STAGED, State.SIGNALLING)) {
      throw new IllegalStateException("Run " + request.runId() + " is " + state.get());
    }
    try {
      startedAt = launcher.signal(this);
      state.set(State.SIGNALLED);
    } catch (LaunchRefusedException | RuntimeException e) {
      refuse(e);
      throw e;
    }
  }

  private void refuse(Exception e) {
    refusal =
        e instanceof LaunchRefusedException
            ? (LaunchRefusedException) e
            : new LaunchRefusedException("Could not start: " + e, e);
    state.set(State.REFUSED);
  }

  /**
   * Starts the script (signalling it first unless {@link #signal} did) and watches it as a direct
   * start would.
   *
   * @param timeout null, zero or negative means no timeout; counted from now
   * @throws LaunchRefusedException as {@link #signal}, also when {@link #signal} was refused before
   * @throws IllegalStateException started or cancelled before
   */
  public LaunchedRun start(Duration timeout) throws LaunchRefusedException {
    State before = state.get();
    if (before == State.WAITING || before == State.STAGED) {
      signal();
    }
    if (state.get() == State.REFUSED) {
      throw new LaunchRefusedException(refusal.getMessage(), refusal);
    }
    if (!state.compareAndSet(State.SIGNALLED, State.STARTED)) {
      throw new IllegalStateException("Run " + request.runId() + " is " + state.get());
    }
    return launcher.watch(this, startedAt, timeout);
  }

  /**
   * Ends the waiting process without running anything.
   *
   * @return true if it was still waiting (staged or not); false once signalled, refused or
   *     cancelled (a signalled script runs and must be started)
   */
  public boolean cancel() {
    if (!state.compareAndSet(State.WAITING, State.CANCELLED)
        && !state.compareAndSet(State.STAGED, State.CANCELLED)) {
      return false;
    }
    launcher.forget(this);
    discard();
    return true;
  }

  void discard() {
    // Closing its stdin ends the read without the line: the shell exits having run nothing.
    ScriptLauncher.closeQuietly(process.getOutputStream());
    process.destroy();
    ScriptLauncher.closeQuietly(output);
    ScriptLauncher.deleteQuietly(pendingFile);
    ScriptLauncher.deleteQuietly(outputFile);
  }

  long runId() {
    return request.runId();
  }

  ResolvedScript script() {
    return script;
  }

  Process process() {
    return process;
  }

  OutputStream output() {
    return output;
  }

  Path pendingFile() {
    return pendingFile;
  }

  Path outputFile() {
    return outputFile;
  }
}
