package com.taskscheduler.scheduler;

import com.taskscheduler.scheduler.SchedulerControl.Event;
import com.taskscheduler.scheduler.SchedulerControl.LogLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The scheduler's own log for the dashboard: the last {@link #CAPACITY} lines that the scheduler,
 * heartbeat and run packages log, each also pushed to subscribers as {@link Event.LogAppended}.
 */
final class SchedulerLog extends Handler {
  static final int CAPACITY = 500;
  private static final String ROOT = "com.taskscheduler";
  private static final List<String> SOURCES =
      List.of(ROOT + ".scheduler.", ROOT + ".run.", ROOT + ".heartbeat.");

  private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
  private final SchedulerEvents events;
  private final SimpleFormatter formatter = new SimpleFormatter();
  // Held strongly: the log manager keeps loggers weakly, and a collected logger loses its handler.
  private final Logger root = Logger.getLogger(ROOT);

  SchedulerLog(SchedulerEvents events) {
    this.events = events;
    setLevel(Level.INFO);
  }

  void install() {
    root.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || !isLoggable(record) || !fromUs(record.getLoggerName())) {
      return;
    }
    String message = formatter.formatMessage(record);
    if (record.getThrown() != null && !message.contains(String.valueOf(record.getThrown()))) {
      message = message + ": " + record.getThrown();
    }
    LogLine line = new LogLine(record.getInstant(), level(record.getLevel()), message);
    synchronized (lines) {
      if (lines.size() == CAPACITY) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }
    events.publish(new Event.LogAppended(line));
  }

  /** The most recent {@code limit} lines, oldest first. */
  List<LogLine> recent(int limit) {
    synchronized (lines) {
      int skip = Math.max(0, lines.size() - Math.max(0, limit));
      List<LogLine> result = new ArrayList<>(lines.size() - skip);
      int i = 0;
      for (LogLine line : lines) {
        if (i++ >= skip) {
          result.add(line);
        }
      }
      return result;
    }
  }

  private static boolean fromUs(String name) {
    if (name == null) {
      return false;
    }
    for (String source : SOURCES) {
      if (name.startsWith(source)) {
        return true;
      }
    }
    return false;
  }

  static String level(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= Level.WARNING.intValue()) {
      return "WARNING";
    }
    return "INFO";
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
  }
}
