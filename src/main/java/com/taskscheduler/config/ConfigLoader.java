package com.taskscheduler.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the {@link AppConfig} (SPEC §8) from, in order of precedence: JVM system properties,
 * environment variables, servlet context init parameters, and a {@code .env} file in the working
 * directory. Empty values count as unset.
 *
 * <p>In production: {@code ConfigLoader.load(servletContext::getInitParameter)}. In tests: {@code
 * new ConfigLoader(sysProps, env, params::get, workDir, homeDir).load()}.
 */
public final class ConfigLoader {
  static final String H2_OPTIONS =
      ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";

  /** Facts about the machine, injectable so tests do not depend on who runs them where. */
  record Platform(String osUser, boolean windows, Supplier<String> hostName, ZoneId defaultZone) {}

  private final Map<String, String> systemProperties;
  private final Map<String, String> env;
  private final Function<String, String> contextParams;
  private final Path workingDir;
  private final Path homeDir;
  private final Platform platform;

  public ConfigLoader(
      Map<String, String> systemProperties,
      Map<String, String> env,
      Function<String, String> contextParams,
      Path workingDir,
      Path homeDir) {
    this(
        systemProperties,
        env,
        contextParams,
        workingDir,
        homeDir,
        currentPlatform(systemProperties, env));
  }

  ConfigLoader(
      Map<String, String> systemProperties,
      Map<String, String> env,
      Function<String, String> contextParams,
      Path workingDir,
      Path homeDir,
      Platform platform) {
    this.systemProperties = Map.copyOf(systemProperties);
    this.env = Objects.requireNonNull(env, "env");
    this.contextParams = contextParams == null ? name -> null : contextParams;
    this.workingDir = workingDir.toAbsolutePath().normalize();
    this.homeDir = homeDir.toAbsolutePath().normalize();
    this.platform = platform;
  }

  /**
   * Loads the configuration of this JVM.
   *
   * @param contextParams servlet context init parameters, e.g. {@code
   *     servletContext::getInitParameter}; may be null
   * @throws ConfigException listing every problem found
   */
  public static AppConfig load(Function<String, String> contextParams) {
    Map<String, String> props = new HashMap<>();
    System.getProperties().stringPropertyNames().forEach(n -> props.put(n, System.getProperty(n)));
    return new ConfigLoader(
            props,
            System.getenv(),
            contextParams,
            Path.of("").toAbsolutePath(),
            Path.of(System.getProperty("user.home")))
        .load();
  }

  /**
   * @throws ConfigException listing every problem found
   */
  public AppConfig load() {
    List<String> problems = new ArrayList<>();
    Map<String, String> dotEnv = DotEnv.read(workingDir.resolve(".env"), problems);
    Settings s =
        new Settings(
            List.of(systemProperties::get, env::get, contextParams, dotEnv::get), problems);

    DatabaseSettings database = database(s);
    String dashboardPassword = s.raw("TASK_SCHEDULER_DASHBOARD_PASSWORD");
    Path scriptsRoot = scriptsRoot(s);
    String python = s.text("TASK_SCHEDULER_PYTHON", platform.windows() ? "python" : "python3");
    String condaActivate = s.text("CONDA_ACTIVATE_BIN_PATH");
    String condaEnv = s.text("CONDA_ENV_NAME");
    String osUser = s.text("TASK_SCHEDULER_USER", platform.osUser());
    if (osUser == null) {
      s.problem("TASK_SCHEDULER_USER: the OS user name is unknown, set the scheduler's user name");
    }
    String host = s.text("TASK_SCHEDULER_HOST");
    if (host == null) {
      host = defaultHost();
    }
    boolean prod = prod(s);
    ZoneId zone = zone(s);
    boolean autostart = s.flag("TASK_SCHEDULER_AUTOSTART", false);
    Duration poll = s.duration("TASK_SCHEDULER_POLL_SECONDS", ChronoUnit.SECONDS, 5L, 1, 3600);
    // Every scheduler, ours and the Python tool's, takes a session silent for 3 minutes as gone
    // (standby, Lost runs): a slower heartbeat would have live sessions taken for dead.
    Duration heartbeat =
        s.duration("TASK_SCHEDULER_HEARTBEAT_SECONDS", ChronoUnit.SECONDS, 60L, 5, 60);
    Duration catchUp =
        s.duration("TASK_SCHEDULER_CATCH_UP_GRACE_MINUTES", ChronoUnit.MINUTES, 60L, 0, 10080);
    Duration shutdown =
        s.duration("TASK_SCHEDULER_SHUTDOWN_GRACE_SECONDS", ChronoUnit.SECONDS, 30L, 0, 3600);
    Path outputDir =
        path(s, "TASK_SCHEDULER_OUTPUT_DIR", homeDir.resolve(".task-scheduler").resolve("output"));
    long outputCap = s.number("TASK_SCHEDULER_OUTPUT_CAP_BYTES", 10_485_760L, 1024, 1L << 31);
    boolean prepare = s.flag("TASK_SCHEDULER_PREPARE_PROCESSES", true);
    Duration idle =
        s.duration("TASK_SCHEDULER_SESSION_IDLE_MINUTES", ChronoUnit.MINUTES, 30L, 1, 1440);
    Duration heartbeatRetention =
        s.duration("TASK_SCHEDULER_HEARTBEAT_RETENTION_DAYS", ChronoUnit.DAYS, 30L, 1, 3650);
    Duration scheduledRetention =
        s.duration("TASK_SCHEDULER_SCHEDULED_RETENTION_DAYS", ChronoUnit.DAYS, 7L, 1, 3650);
    Duration logRetention =
        s.duration("TASK_SCHEDULER_LOG_RETENTION_DAYS", ChronoUnit.DAYS, null, 1, 36500);

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new AppConfig(
        database,
        dashboardPassword,
        scriptsRoot,
        python,
        condaActivate,
        condaEnv,
        osUser.toLowerCase(Locale.ROOT),
        osUser,
        host,
        prod,
        zone,
        autostart,
        poll,
        heartbeat,
        catchUp,
        shutdown,
        outputDir,
        outputCap,
        prepare,
        idle,
        heartbeatRetention,
        scheduledRetention,
        logRetention);
  }

  private DatabaseSettings database(Settings s) {
    String url = s.text("DATABASE_CONNECTION_STRING");
    String user = s.text("DATABASE_USER");
    String password = s.raw("DATABASE_PASSWORD");
    if (url == null) {
      Path file = homeDir.resolve(".task-scheduler").resolve("taskscheduler");
      return new DatabaseSettings(
          "jdbc:h2:file:" + file + H2_OPTIONS, user == null ? "sa" : user, password, true);
    }
    if (url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return new DatabaseSettings(url, user, password, false);
    }
    if (SqlAlchemyUrl.matches(url)) {
      try {
        return SqlAlchemyUrl.toDatabaseSettings(
            url, s.text("TASK_SCHEDULER_DB", "master"), user, password);
      } catch (ConfigException e) {
        e.problems().forEach(s::problem);
        return null;
      }
    }
    // Only the scheme is shown: the rest may hold a password.
    String scheme =
        url.matches("[A-Za-z][A-Za-z0-9+.-]{0,30}://.*")
            ? url.substring(0, url.indexOf(':'))
            : null;
    s.problem(
        "DATABASE_CONNECTION_STRING: unsupported "
            + (scheme == null ? "value" : "scheme \"" + scheme + "\"")
            + " (use a JDBC URL jdbc:..., or mssql+pyodbc://user:pass@host:port/{db}?driver=... or"
            + " mssql+pymssql://user:pass@host:port/{db}; leave unset for the embedded database)");
    return null;
  }

  private Path scriptsRoot(Settings s) {
    Path root = path(s, "TASK_SCHEDULER_SCRIPTS_ROOT", workingDir);
    if (root != null && !Files.isDirectory(root)) {
      s.problem(
          "TASK_SCHEDULER_SCRIPTS_ROOT: \""
              + root
              + "\" is not an existing directory (set it to the folder holding the scripts)");
    }
    return root;
  }

  /** The setting as an absolute path; relative to the working directory, "~" is the home. */
  private Path path(Settings s, String name, Path defaultValue) {
    String value = s.text(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      Path p;
      if (value.equals("~")) {
        p = homeDir;
      } else if (value.startsWith("~/") || value.startsWith("~\\")) {
        p = homeDir.resolve(value.substring(2));
      } else {
        p = workingDir.resolve(value);
      }
      return p.toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      s.problem(name + ": \"" + value + "\" is not a valid path (" + e.getReason() + ")");
      return defaultValue;
    }
  }

  private static boolean prod(Settings s) {
    String value = s.text("TASK_SCHEDULER_ENV", "prod");
    switch (value.toLowerCase(Locale.ROOT)) {
      case "prod":
        return true;
      case "dev":
        return false;
      default:
        s.problem("TASK_SCHEDULER_ENV: \"" + value + "\" is not an environment (use prod or dev)");
        return true;
    }
  }

  private ZoneId zone(Settings s) {
    String value = s.text("TASK_SCHEDULER_TIMEZONE");
    if (value == null) {
      return platform.defaultZone();
    }
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      s.problem(
          "TASK_SCHEDULER_TIMEZONE: unknown time zone \""
              + value
              + "\" (use an IANA name such as Europe/Berlin)");
      return platform.defaultZone();
    }
  }

  private String defaultHost() {
    String host = null;
    try {
      host = platform.hostName().get();
    } catch (RuntimeException e) {
      // fall through to the environment
    }
    for (String name : List.of("HOSTNAME", "COMPUTERNAME")) {
      if (host == null || host.isBlank()) {
        host = env.get(name);
      }
    }
    return host == null || host.isBlank() ? "localhost" : host.strip();
  }

  private static Platform currentPlatform(
      Map<String, String> systemProperties, Map<String, String> env) {
    String user = systemProperties.getOrDefault("user.name", System.getProperty("user.name"));
    if (user == null || user.isBlank()) {
      user = env.getOrDefault("USER", env.get("USERNAME"));
    }
    String os = systemProperties.getOrDefault("os.name", System.getProperty("os.name", ""));
    return new Platform(
        user == null || user.isBlank() ? null : user,
        os.toLowerCase(Locale.ROOT).startsWith("windows"),
        ConfigLoader::localHostName,
        ZoneId.systemDefault());
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
