package com.taskscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  private static final ZoneId JVM_ZONE = ZoneId.of("America/Chicago");

  @TempDir Path workDir;
  @TempDir Path homeDir;

  private final Map<String, String> sysProps = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();
  private final Map<String, String> contextParams = new HashMap<>();
  private ConfigLoader.Platform platform;

  @BeforeEach
  void platform() {
    platform = new ConfigLoader.Platform("JSmith", false, () -> "build-host", JVM_ZONE);
  }

  private AppConfig load() {
    return new ConfigLoader(sysProps, env, contextParams::get, workDir, homeDir, platform).load();
  }

  private ConfigException loadFails() {
    return catchThrowableOfType(ConfigException.class, this::load);
  }

  private void dotEnv(String content) throws IOException {
    Files.writeString(workDir.resolve(".env"), content, StandardCharsets.UTF_8);
  }

  // ---- precedence ----

  @Test
  void systemPropertyBeatsEnvironmentVariable() {
    sysProps.put("TASK_SCHEDULER_HOST", "from-sysprop");
    env.put("TASK_SCHEDULER_HOST", "from-env");
    assertThat(load().host()).isEqualTo("from-sysprop");
  }

  @Test
  void environmentVariableBeatsContextParameter() {
    env.put("TASK_SCHEDULER_HOST", "from-env");
    contextParams.put("TASK_SCHEDULER_HOST", "from-context");
    assertThat(load().host()).isEqualTo("from-env");
  }

  @Test
  void contextParameterBeatsDotEnv() throws IOException {
    contextParams.put("TASK_SCHEDULER_HOST", "from-context");
    dotEnv("TASK_SCHEDULER_HOST=from-dotenv\n");
    assertThat(load().host()).isEqualTo("from-context");
  }

  @Test
  void systemPropertyBeatsContextParameterAndDotEnv() throws IOException {
    sysProps.put("TASK_SCHEDULER_HOST", "from-sysprop");
    contextParams.put("TASK_SCHEDULER_HOST", "from-context");
    dotEnv("TASK_SCHEDULER_HOST=from-dotenv\n");
    assertThat(load().host()).isEqualTo("from-sysprop");
  }

  @Test
  void environmentVariableBeatsDotEnv() throws IOException {
    env.put("TASK_SCHEDULER_HOST", "from-env");
    dotEnv("TASK_SCHEDULER_HOST=from-dotenv\n");
    assertThat(load().host()).isEqualTo("from-env");
  }

  @Test
  void dotEnvIsUsedWhenNothingElseIsSet() throws IOException {
    dotEnv("# settings\nexport TASK_SCHEDULER_HOST='from-dotenv'\nTASK_SCHEDULER_ENV=\"dev\"\n");
    AppConfig config = load();
    assertThat(config.host()).isEqualTo("from-dotenv");
    assertThat(config.prod()).isFalse();
  }

  @Test
  void emptyValuesCountAsUnset() throws IOException {
    sysProps.put("TASK_SCHEDULER_HOST", "");
    env.put("TASK_SCHEDULER_HOST", "   ");
    contextParams.put("TASK_SCHEDULER_HOST", "");
    dotEnv(
        "TASK_SCHEDULER_HOST=from-dotenv\n"
            + "TASK_SCHEDULER_TIMEZONE=\n"
            + "DATABASE_CONNECTION_STRING=''\n");
    AppConfig config = load();
    assertThat(config.host()).isEqualTo("from-dotenv");
    assertThat(config.zone()).isEqualTo(JVM_ZONE);
    assertThat(config.database().embedded()).isTrue();
  }

  @Test
  void valuesAreTrimmed() {
    env.put("TASK_SCHEDULER_POLL_SECONDS", " 7 ");
    env.put("TASK_SCHEDULER_ENV", " Dev ");
    AppConfig config = load();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.prod()).isFalse();
  }

  // ---- defaults ----

  @Test
  void everySettingHasItsDefault() {
    AppConfig config = load();

    assertThat(config.database())
        .isEqualTo(
            new DatabaseSettings(
                "jdbc:h2:file:"
                    + homeDir.resolve(".task-scheduler").resolve("taskscheduler")
                    + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
                "sa",
                null,
                true));
    assertThat(config.dashboardPassword()).isNull();
    assertThat(config.loginRequired()).isFalse();
    assertThat(config.scriptsRoot()).isEqualTo(workDir.toAbsolutePath().normalize());
    assertThat(config.python()).isEqualTo("python3");
    assertThat(config.condaActivateBinPath()).isNull();
    assertThat(config.condaEnvName()).isNull();
    assertThat(config.user()).isEqualTo("jsmith");
    assertThat(config.osUser()).isEqualTo("JSmith");
    assertThat(config.host()).isEqualTo("build-host");
    assertThat(config.prod()).isTrue();
    assertThat(config.zone()).isEqualTo(JVM_ZONE);
    assertThat(config.autostart()).isFalse();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.catchUpGrace()).isEqualTo(Duration.ofMinutes(60));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.outputDir()).isEqualTo(homeDir.resolve(".task-scheduler").resolve("output"));
    assertThat(config.outputCapBytes()).isEqualTo(10_485_760L);
    assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.heartbeatRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(config.scheduledRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(config.logRetention()).isNull();
  }

  @Test
  void outputDirIsNotCreated() {
    assertThat(load().outputDir()).doesNotExist();
  }

  @Test
  void pythonDefaultsToPythonOnWindows() {
    platform = new ConfigLoader.Platform("JSmith", true, () -> "build-host", JVM_ZONE);
    assertThat(load().python()).isEqualTo("python");
  }

  @Test
  void hostFallsBackToHostnameVariableThenComputerNameThenLocalhost() {
    platform = new ConfigLoader.Platform("JSmith", false, () -> null, JVM_ZONE);
    assertThat(load().host()).isEqualTo("localhost");

    env.put("COMPUTERNAME", "WINBOX");
    assertThat(load().host()).isEqualTo("WINBOX");

    env.put("HOSTNAME", "linuxbox");
    assertThat(load().host()).isEqualTo("linuxbox");
  }

  @Test
  void hostLookupFailureFallsBackToTheEnvironment() {
    platform =
        new ConfigLoader.Platform(
            "JSmith",
            false,
            () -> {
              throw new IllegalStateException("no dns");
            },
            JVM_ZONE);
    env.put("HOSTNAME", "linuxbox");
    assertThat(load().host()).isEqualTo("linuxbox");
  }

  @Test
  void productionLoaderWorksWithTheRealMachine() {
    AppConfig config = new ConfigLoader(Map.of(), Map.of(), null, workDir, homeDir).load();
    assertThat(config.user())
        .isEqualTo(System.getProperty("user.name").toLowerCase(java.util.Locale.ROOT));
    assertThat(config.osUser()).isEqualTo(System.getProperty("user.name"));
    assertThat(config.host()).isNotBlank();
    assertThat(config.zone()).isEqualTo(ZoneId.systemDefault());
  }

  // ---- identity ----

  @Test
  void configuredUserIsLowerCasedForRunByButKeptAsGivenForInsertedBy() {
    env.put("TASK_SCHEDULER_USER", "Svc_Scheduler");
    AppConfig config = load();
    assertThat(config.user()).isEqualTo("svc_scheduler");
    assertThat(config.osUser()).isEqualTo("Svc_Scheduler");
  }

  @Test
  void unknownOsUserWithoutConfiguredUserIsAnError() {
    platform = new ConfigLoader.Platform(null, false, () -> "h", JVM_ZONE);
    assertThat(loadFails().problems())
        .singleElement()
        .asString()
        .startsWith("TASK_SCHEDULER_USER: ");
  }

  // ---- plain settings ----

  @Test
  void everySettingIsRead() throws IOException {
    Path scripts = Files.createDirectory(workDir.resolve("scripts"));
    env.put("TASK_SCHEDULER_DASHBOARD_PASSWORD", " pw with spaces ");
    env.put("TASK_SCHEDULER_SCRIPTS_ROOT", "scripts/../scripts");
    env.put("TASK_SCHEDULER_PYTHON", "/opt/py/bin/python3.11");
    env.put("CONDA_ACTIVATE_BIN_PATH", "/opt/conda/bin/activate");
    env.put("CONDA_ENV_NAME", "jobs");
    env.put("TASK_SCHEDULER_HOST", "SRV01");
    env.put("TASK_SCHEDULER_ENV", "DEV");
    env.put("TASK_SCHEDULER_TIMEZONE", "Europe/Berlin");
    env.put("TASK_SCHEDULER_AUTOSTART", "yes");
    env.put("TASK_SCHEDULER_POLL_SECONDS", "1");
    env.put("TASK_SCHEDULER_HEARTBEAT_SECONDS", "45");
    env.put("TASK_SCHEDULER_CATCH_UP_GRACE_MINUTES", "0");
    env.put("TASK_SCHEDULER_SHUTDOWN_GRACE_SECONDS", "0");
    env.put("TASK_SCHEDULER_OUTPUT_DIR", "~/out");
    env.put("TASK_SCHEDULER_OUTPUT_CAP_BYTES", "2147483648");
    env.put("TASK_SCHEDULER_SESSION_IDLE_MINUTES", "1440");
    env.put("TASK_SCHEDULER_HEARTBEAT_RETENTION_DAYS", "1");
    env.put("TASK_SCHEDULER_SCHEDULED_RETENTION_DAYS", "3650");
    env.put("TASK_SCHEDULER_LOG_RETENTION_DAYS", "36500");

    AppConfig config = load();

    assertThat(config.dashboardPassword()).isEqualTo(" pw with spaces ");
    assertThat(config.loginRequired()).isTrue();
    assertThat(config.scriptsRoot()).isEqualTo(scripts.toAbsolutePath().normalize());
    assertThat(config.python()).isEqualTo("/opt/py/bin/python3.11");
    assertThat(config.condaActivateBinPath()).isEqualTo("/opt/conda/bin/activate");
    assertThat(config.condaEnvName()).isEqualTo("jobs");
    assertThat(config.host()).isEqualTo("SRV01");
    assertThat(config.prod()).isFalse();
    assertThat(config.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(config.autostart()).isTrue();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.catchUpGrace()).isEqualTo(Duration.ZERO);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ZERO);
    assertThat(config.outputDir()).isEqualTo(homeDir.resolve("out"));
    assertThat(config.outputCapBytes()).isEqualTo(1L << 31);
    assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofDays(1));
    assertThat(config.heartbeatRetention()).isEqualTo(Duration.ofDays(1));
    assertThat(config.scheduledRetention()).isEqualTo(Duration.ofDays(3650));
    assertThat(config.logRetention()).isEqualTo(Duration.ofDays(36500));
  }

  @ParameterizedTest
  @CsvSource({
    "true,true",
    "TRUE,true",
    "1,true",
    "yes,true",
    "Yes,true",
    "false,false",
    "0,false",
    "no,false",
    "NO,false"
  })
  void autostartAcceptsTheUsualBooleanSpellings(String value, boolean expected) {
    env.put("TASK_SCHEDULER_AUTOSTART", value);
    assertThat(load().autostart()).isEqualTo(expected);
  }

  @Test
  void processesArePreparedUnlessTurnedOff() {
    assertThat(load().prepareProcesses()).isTrue();
    env.put("TASK_SCHEDULER_PREPARE_PROCESSES", "false");
    assertThat(load().prepareProcesses()).isFalse();
  }

  @Test
  void envIsCaseInsensitive() {
    env.put("TASK_SCHEDULER_ENV", "PROD");
    assertThat(load().prod()).isTrue();
  }

  @Test
  void relativeOutputDirIsResolvedAgainstTheWorkingDirectory() {
    env.put("TASK_SCHEDULER_OUTPUT_DIR", "out");
    assertThat(load().outputDir()).isEqualTo(workDir.toAbsolutePath().normalize().resolve("out"));
  }

  // ---- database ----

  @Test
  void jdbcUrlIsUsedAsIsWithSeparateCredentials() {
    env.put("DATABASE_CONNECTION_STRING", "jdbc:postgresql://db:5432/jobs");
    env.put("DATABASE_USER", "jobs");
    env.put("DATABASE_PASSWORD", "pw");
    assertThat(load().database())
        .isEqualTo(new DatabaseSettings("jdbc:postgresql://db:5432/jobs", "jobs", "pw", false));
  }

  @Test
  void jdbcUrlWithoutSeparateCredentialsLeavesThemNull() {
    env.put("DATABASE_CONNECTION_STRING", "jdbc:sqlserver://db;databaseName=x;user=u;password=p");
    assertThat(load().database())
        .isEqualTo(
            new DatabaseSettings(
                "jdbc:sqlserver://db;databaseName=x;user=u;password=p", null, null, false));
  }

  @Test
  void sqlAlchemyUrlIsTranslatedWithTheConfiguredDatabase() {
    env.put(
        "DATABASE_CONNECTION_STRING",
        "mssql+pyodbc://u:p%40ss@db:1433/{db}?driver=ODBC+Driver+17+for+SQL+Server");
    env.put("TASK_SCHEDULER_DB", "Scheduler");
    assertThat(load().database())
        .isEqualTo(
            new DatabaseSettings(
                "jdbc:sqlserver://db:1433;databaseName=Scheduler;encrypt=false",
                "u",
                "p@ss",
                false));
  }

  @Test
  void sqlAlchemyPlaceholderDefaultsToMaster() {
    env.put("DATABASE_CONNECTION_STRING", "mssql+pymssql://u:p@db/{db}");
    assertThat(load().database().jdbcUrl())
        .isEqualTo("jdbc:sqlserver://db;databaseName=master;encrypt=false");
  }

  @Test
  void embeddedDatabaseHonoursSeparateCredentials() {
    env.put("DATABASE_USER", "admin");
    env.put("DATABASE_PASSWORD", "pw");
    DatabaseSettings db = load().database();
    assertThat(db.embedded()).isTrue();
    assertThat(db.username()).isEqualTo("admin");
    assertThat(db.password()).isEqualTo("pw");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "postgresql://u:secretpw@h/db | unsupported scheme \"postgresql\"",
        "mysql://u:secretpw@h/db | unsupported scheme \"mysql\"",
        "Server=h;Password=secretpw | unsupported value"
      })
  void otherConnectionStringFormsAreRejectedWithoutEchoingThem(String url, String expected) {
    env.put("DATABASE_CONNECTION_STRING", url);
    assertThat(loadFails().problems())
        .singleElement()
        .asString()
        .startsWith("DATABASE_CONNECTION_STRING: " + expected)
        .contains("jdbc:", "mssql+pyodbc://", "mssql+pymssql://")
        .doesNotContain("secretpw");
  }

  @Test
  void badSqlAlchemyUrlIsReportedAmongOtherProblems() {
    env.put("DATABASE_CONNECTION_STRING", "mssql+pyodbc://u:secretpw@/d");
    env.put("TASK_SCHEDULER_ENV", "staging");
    assertThat(loadFails().problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("DATABASE_CONNECTION_STRING: "))
        .noneSatisfy(p -> assertThat(p).contains("secretpw"));
  }

  // ---- validation ----

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TASK_SCHEDULER_ENV | staging | TASK_SCHEDULER_ENV: \"staging\" is not an environment (use"
            + " prod or dev)",
        "TASK_SCHEDULER_TIMEZONE | Mars/Olympus | TASK_SCHEDULER_TIMEZONE: unknown time zone"
            + " \"Mars/Olympus\" (use an IANA name such as Europe/Berlin)",
        "TASK_SCHEDULER_AUTOSTART | maybe | TASK_SCHEDULER_AUTOSTART: \"maybe\" is not a boolean"
            + " (use true/false, yes/no or 1/0)",
        "TASK_SCHEDULER_PREPARE_PROCESSES | sometimes | TASK_SCHEDULER_PREPARE_PROCESSES:"
            + " \"sometimes\" is not a boolean (use true/false, yes/no or 1/0)",
        "TASK_SCHEDULER_POLL_SECONDS | 0 | TASK_SCHEDULER_POLL_SECONDS: 0 is out of range (use"
            + " 1..3600)",
        "TASK_SCHEDULER_POLL_SECONDS | 3601 | TASK_SCHEDULER_POLL_SECONDS: 3601 is out of range"
            + " (use 1..3600)",
        "TASK_SCHEDULER_POLL_SECONDS | 2.5 | TASK_SCHEDULER_POLL_SECONDS: \"2.5\" is not a whole"
            + " number (use 1..3600)",
        "TASK_SCHEDULER_HEARTBEAT_SECONDS | 4 | TASK_SCHEDULER_HEARTBEAT_SECONDS: 4 is out of range"
            + " (use 5..60)",
        "TASK_SCHEDULER_HEARTBEAT_SECONDS | 61 | TASK_SCHEDULER_HEARTBEAT_SECONDS: 61 is out of"
            + " range (use 5..60)",
        "TASK_SCHEDULER_CATCH_UP_GRACE_MINUTES | -1 | TASK_SCHEDULER_CATCH_UP_GRACE_MINUTES: -1 is"
            + " out of range (use 0..10080)",
        "TASK_SCHEDULER_CATCH_UP_GRACE_MINUTES | 10081 | TASK_SCHEDULER_CATCH_UP_GRACE_MINUTES:"
            + " 10081 is out of range (use 0..10080)",
        "TASK_SCHEDULER_SHUTDOWN_GRACE_SECONDS | 3601 | TASK_SCHEDULER_SHUTDOWN_GRACE_SECONDS: 3601"
            + " is out of range (use 0..3600)",
        "TASK_SCHEDULER_OUTPUT_CAP_BYTES | 1023 | TASK_SCHEDULER_OUTPUT_CAP_BYTES: 1023 is out of"
            + " range (use 1024..2147483648)",
        "TASK_SCHEDULER_OUTPUT_CAP_BYTES | 2147483649 | TASK_SCHEDULER_OUTPUT_CAP_BYTES: 2147483649"
            + " is out of range (use 1024..2147483648)",
        "TASK_SCHEDULER_OUTPUT_CAP_BYTES | 10MB | TASK_SCHEDULER_OUTPUT_CAP_BYTES: \"10MB\" is not"
            + " a whole number (use 1024..2147483648)",
        "TASK_SCHEDULER_SESSION_IDLE_MINUTES | 0 | TASK_SCHEDULER_SESSION_IDLE_MINUTES: 0 is out of"
            + " range (use 1..1440)",
        "TASK_SCHEDULER_SESSION_IDLE_MINUTES | 1441 | TASK_SCHEDULER_SESSION_IDLE_MINUTES: 1441 is"
            + " out of range (use 1..1440)",
        "TASK_SCHEDULER_HEARTBEAT_RETENTION_DAYS | 0 | TASK_SCHEDULER_HEARTBEAT_RETENTION_DAYS: 0"
            + " is out of range (use 1..3650)",
        "TASK_SCHEDULER_SCHEDULED_RETENTION_DAYS | 3651 | TASK_SCHEDULER_SCHEDULED_RETENTION_DAYS:"
            + " 3651 is out of range (use 1..3650)",
        "TASK_SCHEDULER_LOG_RETENTION_DAYS | 0 | TASK_SCHEDULER_LOG_RETENTION_DAYS: 0 is out of"
            + " range (use 1..36500)",
        "TASK_SCHEDULER_LOG_RETENTION_DAYS | 36501 | TASK_SCHEDULER_LOG_RETENTION_DAYS: 36501 is"
            + " out of range (use 1..36500)",
        "TASK_SCHEDULER_LOG_RETENTION_DAYS | never | TASK_SCHEDULER_LOG_RETENTION_DAYS: \"never\""
            + " is not a whole number (use 1..36500)",
      })
  void badValueIsReportedNamingTheSettingAndWhatIsAccepted(
      String name, String value, String message) {
    env.put(name, value);
    assertThat(loadFails().problems()).containsExactly(message);
  }

  @Test
  void scriptsRootMustBeAnExistingDirectory() throws IOException {
    env.put("TASK_SCHEDULER_SCRIPTS_ROOT", "missing");
    assertThat(loadFails().problems())
        .containsExactly(
            "TASK_SCHEDULER_SCRIPTS_ROOT: \""
                + workDir.toAbsolutePath().normalize().resolve("missing")
                + "\" is not an existing directory (set it to the folder holding the scripts)");

    Files.writeString(workDir.resolve("a-file"), "x");
    env.put("TASK_SCHEDULER_SCRIPTS_ROOT", workDir.resolve("a-file").toString());
    assertThat(loadFails().problems())
        .singleElement()
        .asString()
        .startsWith("TASK_SCHEDULER_SCRIPTS_ROOT: ");
  }

  @Test
  void allProblemsAreReportedTogetherOneLineEach() throws IOException {
    dotEnv("GOOD=1\nthis line is broken\n");
    env.put("TASK_SCHEDULER_ENV", "staging");
    env.put("TASK_SCHEDULER_TIMEZONE", "Mars/Olympus");
    env.put("TASK_SCHEDULER_POLL_SECONDS", "0");
    env.put("TASK_SCHEDULER_AUTOSTART", "maybe");

    ConfigException e = loadFails();

    assertThat(e.problems()).hasSize(5);
    assertThat(e.getMessage().lines()).hasSize(5);
    assertThat(e.getMessage())
        .contains(workDir.resolve(".env") + ": line 2 is malformed")
        .contains("TASK_SCHEDULER_ENV: ")
        .contains("TASK_SCHEDULER_TIMEZONE: ")
        .contains("TASK_SCHEDULER_POLL_SECONDS: ")
        .contains("TASK_SCHEDULER_AUTOSTART: ");
  }

  @Test
  void secretsNeverAppearInErrorMessages() throws IOException {
    dotEnv("TASK_SCHEDULER_DASHBOARD_PASSWORD=\"Sup3rSecret!\n");
    env.put("DATABASE_CONNECTION_STRING", "oracle://u:Sup3rSecret!@h");
    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("Sup3rSecret!");
  }
}
