package com.taskscheduler.scheduler;

import com.taskscheduler.run.Run;
import com.taskscheduler.run.RunListener;
import com.taskscheduler.scheduler.SchedulerControl.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Delivers scheduler events to the dashboard's subscribers; a failing subscriber harms no one. */
public final class SchedulerEvents {
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

  public AutoCloseable subscribe(Consumer<Event> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void publish(Event event) {
    for (Consumer<Event> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        // Not through our own logger: a failing log subscriber would be fed its own failure.
        Logger.getLogger("task-scheduler-events").log(Level.FINE, "event listener failed", e);
      }
    }
  }

  /** A run listener for the launcher that turns its calls into RunStarted / RunEnded events. */
  public RunListener runListener() {
    return new RunListener() {
      @Override
      public void started(Run run) {
        publish(new Event.RunStarted(id(run.getId()), id(run.getTaskId()), run.getScriptFile()));
      }

      @Override
      public void ended(Run run) {
        publish(
            new Event.RunEnded(
                id(run.getId()), id(run.getTaskId()), run.getScriptFile(), run.getStatus()));
      }
    };
  }

  private static int id(Integer id) {
    return id == null ? 0 : id;
  }
}
