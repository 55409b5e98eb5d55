package com.taskscheduler.schedule;

/**
 * A task's {@code Every}/{@code AtTime} pair cannot be turned into a schedule. Unchecked because
 * rows come from a shared database that other tools write: callers decide per call site whether an
 * invalid row is a 400 for the user or a warning in the log.
 */
public class InvalidScheduleException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Legacy column name of {@code Every}. */
  public static final String EVERY = "Every";

  /** Legacy column name of {@code AtTime}. */
  public static final String AT_TIME = "AtTime";

  private final String field;

  InvalidScheduleException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The offending column: {@code "Every"} or {@code "AtTime"}. */
  public String field() {
    return field;
  }
}
