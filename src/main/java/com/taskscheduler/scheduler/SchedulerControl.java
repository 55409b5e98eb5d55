package com.taskscheduler.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What the dashboard and API may ask of the in-process scheduler. */
public interface SchedulerControl {

  /** The scheduler's state as the dashboard shows it. */
  record Status(boolean running, Instant startedAt, boolean standby, String sessionId) {}

  /** One line of the scheduler's own log. */
  record LogLine(Instant timestamp, String level, String message) {}

  /** How a run-now request was carried out. */
  enum RunNowOutcome {
    /** This process owns the task and started it. */
    STARTED,
    /** Another scheduler owns the task (or this one is stopped): the ASAP flag was set. */
    FLAGGED_ASAP,
    /** A run of the task is in progress; a task never runs twice at the same time. */
    ALREADY_RUNNING
  }

  /** Something the dashboard may want to show at once. */
  sealed interface Event {
    record StatusChanged(Status status) implements Event {}

    record LogAppended(LogLine line) implements Event {}

    record RunStarted(int runId, int taskId, String scriptFile) implements Event {}

    record RunEnded(int runId, int taskId, String scriptFile, String status) implements Event {}
  }

  Status status();

  /** Starts the scheduler; does nothing if it runs. */
  void start();

  /** Stops the scheduler within the configured grace; does nothing if it is stopped. */
  void stop();

  /**
   * Runs a task now.
   *
   * @throws java.util.NoSuchElementException if there is no such task
   * @throws IllegalStateException if the task is disabled
   */
  RunNowOutcome runNow(int taskId);

  /** Kills a run in progress in this process; false if there is none. */
  boolean kill(int runId);

  /** The most recent lines of the scheduler's log, oldest first. */
  List<LogLine> recentLog(int limit);

  /** Delivers every event to {@code listener} until the returned handle is closed. */
  AutoCloseable subscribe(Consumer<Event> listener);

  /**
   * Tasks of this scheduler that are not run as defined, by task id, with a message for the
   * dashboard: invalid schedules written by another tool, Run ASAP set on a disabled task.
   */
  default Map<Integer, String> taskProblems() {
    return Map.of();
  }

  /**
   * Tells the scheduler that tasks were edited, so it re-reads them now instead of at its next
   * poll.
   */
  default void tasksChanged() {}
}
