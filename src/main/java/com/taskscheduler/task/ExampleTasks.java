package com.taskscheduler.task;

import java.time.LocalDateTime;
import java.util.List;
import java.util.logging.Logger;

/**
 * A newly created embedded database gets a few tasks that run the example scripts shipped in {@code
 * examples/scripts}, so a newcomer sees real rows and can watch them run. A database the user
 * configured is never seeded.
 */
public final class ExampleTasks {
  static final String FOLDER = "examples/scripts";
  private static final Logger LOG = Logger.getLogger(ExampleTasks.class.getName());

  private ExampleTasks() {}

  private record Example(
      String script, String every, String atTime, boolean enabled, String comment) {}

  private static final List<Example> EXAMPLES =
      List.of(
          new Example("hello.py", "minutes", "1", true, "Prints a greeting every minute"),
          new Example("disk_report.sh", "day", "07:30", true, "Reports free disk space daily"),
          new Example("weekday_summary.py", "weekday", "18:00", true, "A summary after work"),
          new Example(
              "cleanup.sh", "cron", "0 */4 * * *", false, "Disabled: enable it to try cron"));

  /** Inserts the example tasks for the given identity. */
  public static void seed(
      TaskRepository tasks, String user, String osUser, String host, LocalDateTime now) {
    for (Example example : EXAMPLES) {
      Task task = new Task();
      task.setEnable(example.enabled());
      task.setRunBy(user);
      task.setRunHost(host);
      task.setScriptName(example.script());
      task.setScriptFolder(FOLDER);
      task.setEvery(example.every());
      task.setAtTime(example.atTime());
      task.setToRunAsap(false);
      task.setComment(example.comment());
      task.setInsertedAt(now);
      task.setInsertedBy(osUser);
      task.setInsertedHost(host);
      tasks.insert(task);
    }
    LOG.info("New embedded database: added " + EXAMPLES.size() + " example tasks");
  }
}
