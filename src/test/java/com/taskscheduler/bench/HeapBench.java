package com.taskscheduler.bench;

import com.taskscheduler.App;
import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.scheduler.SchedulerBench;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Heap after start with 10,000 tasks: a separate JVM limited to -Xmx256m starts the application and
 * its scheduler on an H2 file database holding the tasks, lets it pass over them, then reports the
 * heap used after a full GC.
 */
public final class HeapBench {
  private final Path home;

  public HeapBench(Path home) {
    this.home = home;
  }

  public void run(int tasks) throws Exception {
    String url = "jdbc:h2:file:" + home.resolve("heap-h2") + TestDatabases.H2_OPTIONS;
    try (Database database = Database.open(TestDatabases.dataSource(url), null)) {
      SchedulerBench.insertTasks(TestDatabases.dataSource(url), tasks, "day", "03:00", null);
    }
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Djava.util.logging.config.file="
                    + System.getProperty("java.util.logging.config.file"),
                "-cp",
                System.getProperty("java.class.path"),
                HeapBench.class.getName(),
                url,
                home.toString())
            .inheritIO()
            .start();
    int exit = child.waitFor();
    if (exit != 0) {
      Report.result(
          "heap after start with " + tasks + " tasks, -Xmx256m",
          "<= 256 MB",
          "child JVM failed, exit " + exit,
          false);
    }
  }

  /** The child JVM. */
  public static void main(String[] args) throws Exception {
    AppConfig config =
        TestConfigs.config(Path.of(args[1]), Map.of("DATABASE_CONNECTION_STRING", args[0]));
    try (App app = App.start(config, Clock.systemUTC())) {
      long count = app.tasks().forIdentity(config.user(), config.host()).size();
      app.scheduler().start();
      Thread.sleep(12_000); // first passes: tasks loaded, next runs published, heartbeat written
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(200);
      }
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      double mb = used / (1024.0 * 1024.0);
      Report.line(
          String.format(
              Locale.ROOT,
              "heap: %d tasks of this scheduler, scheduler running, used heap after GC %.1f MB (-Xmx%d MB)",
              count,
              mb,
              Runtime.getRuntime().maxMemory() / (1024 * 1024)));
      Report.result(
          "heap after start with " + count + " tasks (JVM -Xmx256m)",
          "<= 256 MB",
          String.format(Locale.ROOT, "%.1f MB", mb),
          mb <= 256);
    }
    System.exit(0);
  }
}
