package com.taskscheduler.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts a burst of due fires on every core at once: starting a process is a few milliseconds of
 * kernel work each, so a hundred fires due at one instant would otherwise queue behind each other
 * on the engine thread. The engine thread takes part; the helper threads live only for the burst
 * (starting one costs far less than the processes it starts), so none is left behind.
 */
final class Spawner {
  static final String THREAD_NAME = "task-scheduler-spawn";

  private final int parallelism;

  Spawner() {
    this(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
  }

  Spawner(int parallelism) {
    this.parallelism = parallelism;
  }

  /**
   * Calls {@code action} for every item, spread over the threads; returns when all are done, then
   * throws the first failure if any. Every item gets its turn even when another one fails.
   */
  <T> void runAll(List<T> items, Consumer<T> action) {
    // One item (a lone fire) runs on the caller's thread alone: no helper is started.
    int threads = Math.min(parallelism, items.size());
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          RuntimeException first = null;
          for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
            first = attempt(action, items.get(i), first);
          }
          if (first != null && !failure.compareAndSet(null, first)) {
            failure.get().addSuppressed(first);
          }
        };
    List<Thread> helpers = new ArrayList<>();
    for (int i = 1; i < threads; i++) {
      Thread helper = new Thread(worker, THREAD_NAME + "-" + i);
      helper.setDaemon(true);
      helper.start();
      helpers.add(helper);
    }
    worker.run();
    boolean interrupted = false;
    for (Thread helper : helpers) {
      while (true) {
        try {
          // Bounded by the items themselves: each is one process start.
          helper.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static <T> RuntimeException attempt(
      Consumer<T> action, T item, RuntimeException failedBefore) {
    try {
      action.accept(item);
      return failedBefore;
    } catch (RuntimeException e) {
      if (failedBefore == null) {
        return e;
      }
      failedBefore.addSuppressed(e);
      return failedBefore;
    }
  }
}
