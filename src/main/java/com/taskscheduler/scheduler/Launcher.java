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
