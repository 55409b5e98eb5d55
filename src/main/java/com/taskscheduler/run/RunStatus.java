package com.taskscheduler.run;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a run and the one place that says which transitions are allowed. A run is written
 * as {@link #RUN} before its process starts (the Python tool writes the same value) and moves to
 * exactly one final state; {@link #SKIPPED} and {@link #MISSED} are written final, except that a
 * run claimed ahead of its fire time is skipped at that instant if the previous run still runs (see
 * {@link #skipBeforeStart()}).
 */
public enum RunStatus {
  RUN("Run"),
  SUCCESS("Success"),
  FAILED("Failed"),
  TIMEOUT("Timeout"),
  KILLED("Killed"),
  SKIPPED("Skipped"),
  MISSED("Missed"),
  LOST("Lost");

  private final String value;

  RunStatus(String value) {
    this.value = value;
  }

  /** The value stored in {@code Log_Task_Scheduler.Status}. */
  public String value() {
    return value;
  }

  /** Whether a run in this state may move to {@code next}. */
  public boolean canMoveTo(RunStatus next) {
    return this == RUN && ENDINGS.contains(next);
  }

  /** Throws unless the transition is allowed: a final state is never overwritten. */
  public RunStatus moveTo(RunStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("a run cannot move from " + value + " to " + next.value);
    }
    return next;
  }

  /**
   * The one way into {@link #SKIPPED} from {@link #RUN}: a fire claimed ahead of its instant whose
   * process never started, because the task's previous run was still running then. The caller's
   * update must require StartedAt to be unset, so a started run can never be skipped.
   */
  public RunStatus skipBeforeStart() {
    if (this != RUN) {
      throw new IllegalStateException("only a claimed run can be skipped, not " + value);
    }
    return SKIPPED;
  }

  /** Reads a stored value; other tools may have written values we do not know. */
  public static Optional<RunStatus> fromValue(String value) {
    for (RunStatus status : values()) {
      if (status.value.equalsIgnoreCase(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  private static final Set<RunStatus> ENDINGS = EnumSet.of(SUCCESS, FAILED, TIMEOUT, KILLED, LOST);
}
