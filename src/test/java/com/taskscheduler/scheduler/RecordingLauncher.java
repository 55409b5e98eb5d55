package com.taskscheduler.scheduler;

import com.taskscheduler.run.Run;
import com.taskscheduler.run.launch.ScriptLauncher;
import com.taskscheduler.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the launches it is handed; tests say which tasks count as running. Like the real launcher
 * it creates each run's output file before "starting" it.
 */
final class RecordingLauncher implements Launcher {
  record Launch(int taskId, int runId, Instant fireTime, String trigger, String session) {}

  private final List<Launch> launches = new ArrayList<>();
  private final List<String> scripts = new ArrayList<>();
  private final Set<Integer> running = ConcurrentHashMap.newKeySet();
  private final List<Duration> stopAlls = new ArrayList<>();
  private volatile RuntimeException failure;
  private volatile boolean closed;
  private final Path outputDir;

  RecordingLauncher(Path outputDir) {
    this.outputDir = outputDir;
  }

  @Override
  public synchronized void launch(Task task, Run run, String sessionId) {
    if (failure != null) {
      throw failure;
    }
    try {
      Files.createDirectories(outputDir);
      Files.writeString(ScriptLauncher.outputFile(outputDir, run.getId()), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    launches.add(
        new Launch(task.getId(), run.getId(), run.getFireTime(), run.getTriggeredBy(), sessionId));
    scripts.add(task.getScriptName());
  }

  /** The script of each launch, in launch order. */
  synchronized List<String> scripts() {
    return List.copyOf(scripts);
  }

  synchronized List<Launch> launches() {
    return List.copyOf(launches);
  }

  void running(int taskId, boolean isRunning) {
    if (isRunning) {
      running.add(taskId);
    } else {
      running.remove(taskId);
    }
  }

  void failWith(RuntimeException e) {
    failure = e;
  }

  @Override
  public boolean isRunning(int taskId) {
    return running.contains(taskId);
  }

  @Override
  public boolean kill(int runId) {
    return false;
  }

  @Override
  public synchronized void stopAll(Duration grace) {
    stopAlls.add(grace);
  }

  synchronized List<Duration> stopAlls() {
    return new ArrayList<>(stopAlls);
  }

  @Override
  public void close() {
    closed = true;
  }

  boolean closed() {
    return closed;
  }
}
