package com.taskscheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.DataSources;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.HeartbeatRepository;
import com.taskscheduler.run.ProcessLauncher;
import com.taskscheduler.run.RunRepository;
import com.taskscheduler.schedule.NextRunRepository;
import com.taskscheduler.scheduler.Launcher;
import com.taskscheduler.scheduler.Scheduler;
import com.taskscheduler.scheduler.SchedulerEvents;
import com.taskscheduler.task.ExampleTasks;
import com.taskscheduler.task.TaskRepository;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Clock;
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
      throw new IllegalStateException(databaseProblem(config, container.isPresent(), e));
    }
    App app = new App(config, clock, database);
    try {
      Launcher launcher = launcherFactory.apply(app);
      app.scheduler =
          new Scheduler(
              config,
              clock,
              database,
              app.timestamps,
              app.tasks,
              app.heartbeats,
              launcher,
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

  /**
   * Names the setting at fault without leaking a secret: drivers like to repeat the URL, which may
   * hold a password.
   */
  static String databaseProblem(AppConfig config, boolean fromJndi, Exception failure) {
    String cause =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != failure && root.getMessage() != null) {
      cause = cause + " (" + root.getMessage() + ")";
    }
    var database = config.database();
    cause = cause.replace(database.jdbcUrl(), database.maskedJdbcUrl());
    if (database.password() != null && !database.password().isEmpty()) {
      cause = cause.replace(database.password(), "****");
    }
    String where =
        fromJndi
            ? DataSources.JNDI_NAME
            : "DATABASE_CONNECTION_STRING (" + database.maskedJdbcUrl() + ")";
    return "cannot open the database " + where + ": " + cause;
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

  /**
   * Scheduler events; the launcher reports run starts and ends through {@link
   * SchedulerEvents#runListener()}.
   */
  public SchedulerEvents events() {
    return events;
  }

  /**
   * Stops the scheduler (claiming, then running work within the grace, heartbeat last), then the
   * database.
   */
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

  /** Runs scripts as real processes and reports their starts and ends as scheduler events. */
  private static Launcher productionLauncher(App app) {
    return new ProcessLauncher(app.config, app.database, app.clock, app.events.runListener());
  }
}
