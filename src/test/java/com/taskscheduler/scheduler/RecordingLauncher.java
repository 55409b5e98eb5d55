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
import java.util.concurrent.atomic.AtomicBoolean;

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
  private boolean preparing;
  private Runnable prepareHook = () -> {};
  private final List<Integer> prepared = new ArrayList<>();
  private final List<Integer> startedPrepared = new ArrayList<>();
  private final List<Integer> cancelled = new ArrayList<>();
  private final List<Integer> staged = new ArrayList<>();

  RecordingLauncher(Path outputDir) {
    this.outputDir = outputDir;
  }

  /** Prepares fires when asked to; {@code hook} runs in each prepare (e.g. to move the clock). */
  synchronized void preparing(boolean on, Runnable hook) {
    preparing = on;
    prepareHook = hook;
  }

  /** Run ids prepared, started from what was prepared, and cancelled, in order. */
  synchronized List<Integer> prepared() {
    return List.copyOf(prepared);
  }

  synchronized List<Integer> startedPrepared() {
    return List.copyOf(startedPrepared);
  }

  /** Run ids whose prepared process was staged before its instant, in order, each once. */
  synchronized List<Integer> staged() {
    return List.copyOf(staged);
  }

  synchronized List<Integer> cancelled() {
    return List.copyOf(cancelled);
  }

  @Override
  public synchronized Prepared prepare(Task task, Run run, String sessionId) {
    if (!preparing) {
      return null;
    }
    prepareHook.run();
    prepared.add(run.getId());
    AtomicBoolean used = new AtomicBoolean();
    return new Prepared() {
      private boolean signalled;

      @Override
      public void stage(Task now) {
        if (signalled || used.get()) {
          throw new AssertionError("prepared run " + run.getId() + " staged after its start");
        }
        synchronized (RecordingLauncher.this) {
          if (!staged.contains(run.getId())) {
            staged.add(run.getId());
          }
        }
      }

      @Override
      public void signal(Task now) {
        if (signalled) {
          throw new AssertionError("prepared run " + run.getId() + " signalled twice");
        }
        signalled = true;
      }

      @Override
      public void launch(Task now) {
        use();
        synchronized (RecordingLauncher.this) {
          startedPrepared.add(run.getId());
          RecordingLauncher.this.launch(now, run, sessionId);
        }
      }

      @Override
      public void cancel() {
        if (signalled) {
          throw new AssertionError("prepared run " + run.getId() + " cancelled after its signal");
        }
        use();
        synchronized (RecordingLauncher.this) {
          cancelled.add(run.getId());
        }
      }

      private void use() {
        if (!used.compareAndSet(false, true)) {
          throw new AssertionError("prepared run " + run.getId() + " used twice");
        }
      }
    };
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
