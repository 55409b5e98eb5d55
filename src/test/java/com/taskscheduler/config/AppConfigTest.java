package com.taskscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppConfigTest {
  private static final String SECRET = "Xyzzy#Pa55:w@rd";

  @TempDir Path workDir;
  @TempDir Path homeDir;

  private AppConfig load(Map<String, String> env) {
    ConfigLoader.Platform platform =
        new ConfigLoader.Platform("JSmith", false, () -> "h", ZoneId.of("UTC"));
    return new ConfigLoader(Map.of(), env, null, workDir, homeDir, platform).load();
  }

  private Map<String, String> secrets(String connectionString) {
    Map<String, String> env = new HashMap<>();
    env.put("TASK_SCHEDULER_DASHBOARD_PASSWORD", SECRET);
    env.put("DATABASE_PASSWORD", SECRET);
    if (connectionString != null) {
      env.put("DATABASE_CONNECTION_STRING", connectionString);
    }
    return env;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mssql+pyodbc://u:Xyzzy%23Pa55%3Aw%40rd@h:1433/{db}?driver=ODBC+Driver+17+for+SQL+Server",
        "jdbc:sqlserver://h;databaseName=x;user=u;password=Xyzzy#Pa55:w@rd;encrypt=false",
        "jdbc:sqlserver://h;databaseName=x;user=u;password={Xyzzy#Pa55:w@rd};encrypt=false",
        "jdbc:postgresql://h/db?user=u&password=Xyzzy#Pa55:w@rd&ssl=true",
        "jdbc:mysql://u:Xyzzy#Pa55:w@rd@h:3306/db",
        "jdbc:oracle:thin:u/Xyzzy#Pa55:w@rd@//h:1521/svc",
        "jdbc:h2:file:/tmp/x;USER=sa;PASSWORD=Xyzzy#Pa55:w@rd"
      })
  void toStringAndDescribeNeverShowThePassword(String connectionString) {
    AppConfig config = load(secrets(connectionString));

    assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("Xyzzy").contains("****");
    assertThat(config.database().toString()).doesNotContain("Xyzzy").contains("****");
    assertThat(config.describe()).doesNotContain("Xyzzy").contains("****");
  }

  @Test
  void embeddedDatabaseDescriptionHasNoSecrets() {
    AppConfig config = load(secrets(null));
    assertThat(config.toString()).doesNotContain("Xyzzy");
    assertThat(config.describe())
        .doesNotContain("Xyzzy")
        .contains("(embedded)")
        .contains("dashboard login")
        .contains("on");
  }

  @Test
  void unsetPasswordsShowAsNone() {
    AppConfig config = load(Map.of());
    assertThat(config.toString()).contains("dashboardPassword=(none)").contains("password=(none)");
    assertThat(config.describe()).contains("off (no password set)");
  }

  @Test
  void describeIsMultiLineAndMentionsTheMainSettings() {
    AppConfig config = load(Map.of("TASK_SCHEDULER_LOG_RETENTION_DAYS", "90"));
    assertThat(config.describe().lines().count()).isGreaterThan(15);
    assertThat(config.describe())
        .contains("RunBy=jsmith")
        .contains("RunHost=h")
        .contains("OS user JSmith")
        .contains("UTC")
        .contains("prod")
        .contains(Duration.ofDays(90).toString());
  }

  @Test
  void recordLowerCasesUserAndNormalizesPathsEvenWhenBuiltByHand() {
    AppConfig config = load(Map.of());
    AppConfig copy =
        new AppConfig(
            config.database(),
            null,
            Path.of("a/../b"),
            "python3",
            null,
            null,
            "MiXeD",
            "MiXeD",
            "h",
            true,
            ZoneId.of("UTC"),
            false,
            Duration.ofSeconds(5),
            Duration.ofSeconds(60),
            Duration.ofMinutes(60),
            Duration.ofSeconds(30),
            Path.of("out"),
            1024,
            true,
            Duration.ofMinutes(30),
            Duration.ofDays(30),
            Duration.ofDays(7),
            null);
    assertThat(copy.user()).isEqualTo("mixed");
    assertThat(copy.osUser()).isEqualTo("MiXeD");
    assertThat(copy.scriptsRoot()).isEqualTo(Path.of("b").toAbsolutePath());
    assertThat(copy.outputDir()).isAbsolute();
  }
}
