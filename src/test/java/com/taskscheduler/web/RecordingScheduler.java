package com.taskscheduler.web;

import com.taskscheduler.scheduler.SchedulerControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An in-memory scheduler for API tests: records every call and publishes events to subscribers. */
final class RecordingScheduler implements SchedulerControl {
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  final Set<Integer> runningTasks = new HashSet<>();
  final Set<Integer> killableRuns = new HashSet<>();
  final List<LogLine> log = new ArrayList<>();
  private volatile Status status = new Status(false, null, false, null);
  volatile RunNowOutcome nextOutcome = RunNowOutcome.STARTED;

  @Override
  public Status status() {
    return status;
  }

  @Override
  public synchronized void start() {
    calls.add("start");
    status = new Status(true, Instant.parse("2026-03-01T09:00:00Z"), false, "1772355600000000");
    publish(new Event.StatusChanged(status));
  }

  @Override
  public synchronized void stop() {
    calls.add("stop");
    status = new Status(false, null, false, null);
    publish(new Event.StatusChanged(status));
  }

  @Override
  public synchronized RunNowOutcome runNow(int taskId) {
    calls.add("runNow " + taskId);
    return runningTasks.contains(taskId) ? RunNowOutcome.ALREADY_RUNNING : nextOutcome;
  }

  @Override
  public synchronized boolean kill(int runId) {
    calls.add("kill " + runId);
    return killableRuns.remove(runId);
  }

  @Override
  public synchronized List<LogLine> recentLog(int limit) {
    calls.add("recentLog " + limit);
    return List.copyOf(log.subList(Math.max(0, log.size() - limit), log.size()));
  }

  @Override
  public AutoCloseable subscribe(Consumer<Event> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void publish(Event event) {
    listeners.forEach(listener -> listener.accept(event));
  }
}
