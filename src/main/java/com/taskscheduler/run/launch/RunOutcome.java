package com.taskscheduler.run.launch;

import java.time.Instant;

/**
 * How a started run ended.
 *
 * @param exitCode the process's exit value as the OS reported it; for TIMED_OUT and KILLED it is
 *     whatever the killed process returned (on Linux 128 + signal, e.g. 143 or 137), null only if
 *     it could not be read
 * @param outputTruncated the output file holds only the first {@code outputCapBytes} bytes
 */
public record RunOutcome(
    Ending ending, Integer exitCode, Instant finishedAt, boolean outputTruncated) {

  public enum Ending {
    /** The process ended by itself; see the exit code. */
    EXITED,
    /** The run's timeout elapsed and the process tree was killed. */
    TIMED_OUT,
    /** {@link LaunchedRun#kill()} (or closing the launcher) killed the process tree. */
    KILLED
  }
}
