package com.taskscheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.DataSources;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.HeartbeatRepository;
import com.taskscheduler.run.RunRepository;
import com.taskscheduler.run.Run;
import com.taskscheduler.schedule.NextRunRepository;
import com.taskscheduler.scheduler.Launcher;
import com.taskscheduler.scheduler.Scheduler;
import com.taskscheduler.scheduler.SchedulerEvents;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.ExampleTasks;
import com.taskscheduler.task.TaskRepository;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/** The composition root: configuration, database and the services built over them. */
public final class App implements AutoCloseable {
  private final AppConfig config;
  private final Clock clock;
  private final Database database;
  private final Timestamps timestamps;
  private final TaskRepository tasks;
  private final RunRepository runs;
  private final HeartbeatRepository heartbeats;
  private final NextRunRepository nextRuns;
  private final SchedulerEvents events = new SchedulerEvents();
  private Scheduler scheduler;

  private App(AppConfig config, Clock clock, Database database) {
    this.config = config;
    this.clock = clock;
    this.database = database;
    this.timestamps = new Timestamps(config.zone());
    this.tasks = new TaskRepository(database);
    this.runs = new RunRepository(database);
    this.heartbeats = new HeartbeatRepository(database);
    this.nextRuns = new NextRunRepository(database);
  }

  /** Connects, migrates and, on a newly created embedded database, adds the example tasks. */
  public static App start(AppConfig config, Clock clock) throws SQLException {
    return start(config, clock, App::productionLauncher);
  }

  /**
   * As {@link #start(AppConfig, Clock)}, with the launcher of the scheduler's runs built by {@code
   * launcherFactory} from the otherwise complete application. The scheduler is built but not
   * started.
   */
  public static App start(AppConfig config, Clock clock, Function<App, Launcher> launcherFactory)
      throws SQLException {
    Optional<DataSource> container = DataSources.fromJndi();
    HikariDataSource pool = container.isPresent() ? null : DataSources.pooled(config.database());
    DataSource dataSource = container.orElse(pool);
    Database database;
    try {
      database = Database.open(dataSource, pool);
    } catch (SQLException | RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw e;
    }
    App app = new App(config, clock, database);
    try {
      Launcher launcher = launcherFactory.apply(app);
      app.scheduler =
          new Scheduler(
              config, clock, database, app.timestamps, app.tasks, app.heartbeats, launcher,
              app.events);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    if (database.createdNow() && container.isEmpty() && config.database().embedded()) {
      ExampleTasks.seed(
          app.tasks,
          config.user(),
          config.osUser(),
          config.host(),
          app.timestamps.toLegacy(clock.instant()));
    }
    return app;
  }

  public AppConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public Database database() {
    return database;
  }

  public Timestamps timestamps() {
    return timestamps;
  }

  public TaskRepository tasks() {
    return tasks;
  }

  public RunRepository runs() {
    return runs;
  }

  public HeartbeatRepository heartbeats() {
    return heartbeats;
  }

  public NextRunRepository nextRuns() {
    return nextRuns;
  }

  /** The in-process scheduler (built, started only on request or by autostart). */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Scheduler events; the launcher reports run starts and ends through {@link SchedulerEvents#runListener()}. */
  public SchedulerEvents events() {
    return events;
  }

  /** Stops the scheduler (claiming, then running work within the grace, heartbeat last), then the database. */
  @Override
  public void close() {
    try {
      if (scheduler != null) {
        scheduler.close();
      }
    } finally {
      database.close();
    }
  }

  // TODO(merge): replace with the real launcher from package run (it builds a ScriptLauncher from
  //  config and reports through app.events().runListener()). Until then this one refuses every
  //  launch: the engine records such a run as Failed with the reason below.
  private static Launcher productionLauncher(App app) {
    return new Launcher() {
      @Override
      public void launch(Task task, Run run, String sessionId) {
        throw new UnsupportedOperationException("no process launcher is wired in this build");
      }

      @Override
      public boolean isRunning(int taskId) {
        return false;
      }

      @Override
      public boolean kill(int runId) {
        return false;
      }

      @Override
      public void stopAll(Duration grace) {}

      @Override
      public void close() {}
    };
  }
}
