package com.taskscheduler.run.launch;

/**
 * The launcher refused to start a script; no process was started. The message is the reason,
 * written for the person who configured the task, e.g. {@code "ScriptFolder escapes the scripts
 * root: ../../etc"}.
 */
public class LaunchRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public LaunchRefusedException(String reason) {
    super(reason);
  }

  public LaunchRefusedException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
