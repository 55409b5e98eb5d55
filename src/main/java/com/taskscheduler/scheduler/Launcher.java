package com.taskscheduler.scheduler;

import com.taskscheduler.run.Run;
import com.taskscheduler.task.Task;
import java.time.Duration;

/**
 * Starts the processes of claimed runs. The engine has already written the run's row (status {@code
 * Run}) when it calls {@link #launch}; the launcher completes that row when the process ends, or
 * fails it with a reason when nothing could be started.
 */
public interface Launcher extends AutoCloseable {

  /** Starts the run without waiting for it; never throws for a script problem. */
  void launch(Task task, Run run, String sessionId);

  /**
   * Gets the run's process ready ahead of its instant so that starting it then is quick. Optional:
   * null means nothing was prepared (or this launcher does not prepare), and the run is started
   * with {@link #launch} at its instant.
   */
  default Prepared prepare(Task task, Run run, String sessionId) {
    return null;
  }

  /**
   * A run made ready by {@link #prepare}: either {@link #cancel} is called, or {@link #launch}
   * (optionally after {@link #signal}); each once.
   */
  interface Prepared {

    /**
     * Optional, before {@link #signal}: what must precede the script's start (its checks, its
     * output file) done a moment before the instant, so that only the start itself is left at it.
     * Never throws for a script problem; {@code launch} reports it. A cancel still ends the run.
     */
    default void stage(Task task) {}

    /**
     * Optional first half of {@link #launch}: the script starts running now and {@code launch}
     * completes the start (watching and recording it). Lets a burst's scripts all get going before
     * any of them is watched. Never throws for a script problem; {@code launch} reports it.
     */
    void signal(Task task);

    /**
     * Starts the run now as {@link #launch} would, for the task as it is now: an edited script or
     * folder is started as edited, a timeout counts from now.
     */
    void launch(Task task);

    /** Nothing of this run is started; what was prepared is removed. */
    void cancel();
  }

  /** Whether a run of this task is in progress in this process. */
  boolean isRunning(int taskId);

  /** Asks a run in progress here to stop (its whole process tree); false if there is none. */
  boolean kill(int runId);

  /**
   * Gives runs in progress up to {@code grace} to end, kills the rest and records what happened to
   * each. The launcher stays usable afterwards (the scheduler may be started again).
   */
  void stopAll(Duration grace);

  /** Releases the launcher's threads; called once when the application stops. */
  @Override
  void close();
}
