package com.taskscheduler.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * The application's configuration (SPEC §8), validated once at start-up by {@link ConfigLoader}.
 *
 * <p>{@code dashboardPassword} and {@code database().password()} are secrets: {@link #toString()}
 * and {@link #describe()} never show them.
 */
public record AppConfig(
    DatabaseSettings database,
    String dashboardPassword,
    Path scriptsRoot,
    String python,
    String condaActivateBinPath,
    String condaEnvName,
    String user,
    String osUser,
    String host,
    boolean prod,
    ZoneId zone,
    boolean autostart,
    Duration pollInterval,
    Duration heartbeatInterval,
    Duration catchUpGrace,
    Duration shutdownGrace,
    Path outputDir,
    long outputCapBytes,
    boolean prepareProcesses,
    Duration sessionIdleTimeout,
    Duration heartbeatRetention,
    Duration scheduledRetention,
    Duration logRetention) {

  public AppConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(scriptsRoot, "scriptsRoot");
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(osUser, "osUser");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(catchUpGrace, "catchUpGrace");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
    Objects.requireNonNull(heartbeatRetention, "heartbeatRetention");
    Objects.requireNonNull(scheduledRetention, "scheduledRetention");
    // RunBy is matched lower-cased (SPEC §5), also when a test builds this record by hand.
    user = user.toLowerCase(Locale.ROOT);
    scriptsRoot = scriptsRoot.toAbsolutePath().normalize();
    outputDir = outputDir.toAbsolutePath().normalize();
  }

  /** True when the dashboard asks for a password. */
  public boolean loginRequired() {
    return dashboardPassword != null;
  }

  /** A multi-line, secret-free summary for the start-up log. */
  public String describe() {
    StringBuilder b = new StringBuilder("Task Scheduler configuration:\n");
    line(b, "database", database.maskedJdbcUrl() + (database.embedded() ? " (embedded)" : ""));
    line(b, "database user", database.username() == null ? Secrets.NONE : database.username());
    line(b, "database password", Secrets.mask(database.password()));
    line(
        b,
        "dashboard login",
        dashboardPassword == null ? "off (no password set)" : "on (password ****)");
    line(b, "environment", prod ? "prod" : "dev");
    line(b, "identity", "RunBy=" + user + " RunHost=" + host + " (OS user " + osUser + ")");
    line(b, "time zone", zone.getId());
    line(b, "autostart", Boolean.toString(autostart));
    line(b, "scripts root", scriptsRoot.toString());
    line(b, "python", python);
    line(
        b,
        "conda",
        condaActivateBinPath == null
            ? "(not used)"
            : condaActivateBinPath + " env " + (condaEnvName == null ? "(base)" : condaEnvName));
    line(b, "poll interval", pollInterval.toString());
    line(b, "heartbeat interval", heartbeatInterval.toString());
    line(b, "catch-up grace", catchUpGrace.toString());
    line(b, "shutdown grace", shutdownGrace.toString());
    line(b, "output dir", outputDir + " (cap " + outputCapBytes + " bytes)");
    line(b, "prepare processes", Boolean.toString(prepareProcesses));
    line(b, "session idle timeout", sessionIdleTimeout.toString());
    line(b, "heartbeat retention", heartbeatRetention.toString());
    line(b, "scheduled retention", scheduledRetention.toString());
    line(b, "log retention", logRetention == null ? "never purge" : logRetention.toString());
    return b.toString().stripTrailing();
  }

  private static void line(StringBuilder b, String name, String value) {
    b.append("  ").append(String.format(Locale.ROOT, "%-22s", name)).append(value).append('\n');
  }

  @Override
  public String toString() {
    return "AppConfig[database="
        + database
        + ", dashboardPassword="
        + Secrets.mask(dashboardPassword)
        + ", scriptsRoot="
        + scriptsRoot
        + ", python="
        + python
        + ", condaActivateBinPath="
        + condaActivateBinPath
        + ", condaEnvName="
        + condaEnvName
        + ", user="
        + user
        + ", osUser="
        + osUser
        + ", host="
        + host
        + ", prod="
        + prod
        + ", zone="
        + zone
        + ", autostart="
        + autostart
        + ", pollInterval="
        + pollInterval
        + ", heartbeatInterval="
        + heartbeatInterval
        + ", catchUpGrace="
        + catchUpGrace
        + ", shutdownGrace="
        + shutdownGrace
        + ", outputDir="
        + outputDir
        + ", outputCapBytes="
        + outputCapBytes
        + ", prepareProcesses="
        + prepareProcesses
        + ", sessionIdleTimeout="
        + sessionIdleTimeout
        + ", heartbeatRetention="
        + heartbeatRetention
        + ", scheduledRetention="
        + scheduledRetention
        + ", logRetention="
        + logRetention
        + "]";
  }
}
