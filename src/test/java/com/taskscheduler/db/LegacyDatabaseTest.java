package com.taskscheduler.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import com.taskscheduler.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database created by the Python tool, with its rows, works unchanged: the application baselines
 * it, serves its rows as they are, and a second start changes nothing.
 */
class LegacyDatabaseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LEGACY_COLUMNS_OF_TASKS =
      List.of(
          "ID",
          "Enable",
          "RunBy",
          "ScriptName",
          "ScriptFolder",
          "Every",
          "AtTime",
          "Ressource",
          "ToRunAsap",
          "Comment",
          "RunHost",
          "InsertedAt",
          "InsertedBy",
          "InsertedHost");
  @TempDir Path home;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSharedDatabaseWithOtherTablesAndSomeLegacyOnesGetsTheMissingOnesAndKeepsItsOwn(Kind kind)
      throws Exception {
    String url = TestDatabases.freshUrl(kind);
    DataSource ds = TestDatabases.dataSource(url);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE Invoices (ID INT PRIMARY KEY, Amount INT)");
      s.execute("INSERT INTO Invoices (ID, Amount) VALUES (1, 100)");
      s.execute(
          "CREATE TABLE Task_Scheduler_Heartbeat (ID INT PRIMARY KEY, SessionID VARCHAR(255),"
              + " IsProd INT, InsertedAt TIMESTAMP, InsertedBy VARCHAR(255),"
              + " InsertedHost VARCHAR(255))");
    }

    try (Database database = Database.open(ds, null)) {
      assertThat(database.createdNow()).isFalse();
      assertThat(new com.taskscheduler.task.TaskRepository(database).count()).isZero();
    }
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT Amount FROM Invoices WHERE ID = 1")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(100);
    }
    // A second start finds its history and changes nothing.
    try (Database database = Database.open(ds, null)) {
      assertThat(database.schemaVersion()).isNotEqualTo("0");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aLegacyDatabaseIsBaselinedServedAsIsAndUnchangedByTwoStarts(Kind kind) throws Exception {
    String url = TestDatabases.freshUrl(kind);
    runScript(url, "/legacy/legacy-" + kind.name().toLowerCase(Locale.ROOT) + ".sql");
    Map<String, List<Map<String, Object>>> before = legacyRows(url);

    try (TestServer server = start(url)) {
      JsonNode health = json(server.get("/api/health").body());
      assertThat(health.get("status").asText()).isEqualTo("UP");

      JsonNode davids = json(server.get("/api/tasks").body());
      assertThat(davids)
          .extracting(t -> t.get("ScriptName").asText())
          .containsExactly("load_prices.py", "refresh_cache.py", "old_report.py");
      JsonNode old = davids.get(2);
      assertThat(old.get("Enable").asBoolean()).isFalse();
      assertThat(old.get("ToRunAsap").asBoolean()).isTrue();
      assertThat(old.get("Every").asText()).isEqualTo("friday");
      assertThat(old.get("AtTime").asText()).isEqualTo("18:00");
      assertThat(old.get("Comment").asText()).isEqualTo("disabled but flagged ASAP");
      assertThat(old.get("InsertedAt").asText()).isEqualTo("2025-10-02 11:00:00");
      assertThat(old.get("TimeoutSeconds").isNull()).isTrue();

      JsonNode jane = json(server.get("/api/tasks?user=jane&host=QUANT-SRV-01").body()).get(0);
      assertThat(jane.get("Ressource").asText()).isEqualTo("big-box");
      assertThat(jane.get("AtTime").isNull()).isTrue();

      JsonNode run = json(server.get("/api/logs").body()).get(0);
      assertThat(run.get("ScriptFile").asText()).isEqualTo("load_prices.py");
      assertThat(run.get("Status").asText()).isEqualTo("Run");
      assertThat(run.get("SessionID").asText()).isEqualTo("From_Python_Scheduler");
      assertThat(run.get("HeartbeatID").asText()).isEqualTo("1759476323123456");
      assertThat(run.get("InsertedAt").asText()).isEqualTo("2025-10-03 07:45:00");
      assertThat(run.get("TaskID").isNull()).isTrue();

      // The search (V6: trigram index on PostgreSQL over the legacy columns) finds legacy rows.
      JsonNode searched =
          json(server.get("/api/logs?draw=1&length=10&search%5Bvalue%5D=PRICES").body());
      assertThat(searched.get("data")).isNotEmpty();
      assertThat(searched.get("data"))
          .allSatisfy(r -> assertThat(r.get("ScriptFile").asText()).isEqualTo("load_prices.py"));
      assertThat(searched.get("recordsFilteredAccuracy").asText()).isEqualTo("exact");
      if (kind == Kind.POSTGRESQL) {
        try (Connection c = TestDatabases.dataSource(url).getConnection();
            Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery("SELECT to_regclass('ix_log_task_scheduler_search') IS NOT NULL")) {
          assertThat(rs.next() && rs.getBoolean(1)).as("search index").isTrue();
        }
      }

      JsonNode heartbeat = json(server.get("/api/heartbeat").body()).get(0);
      assertThat(heartbeat.get("LastInsertedAt").asText()).isEqualTo("2025-10-03 09:25:23");
      assertThat(heartbeat.get("InsertedBy").asText()).isEqualTo("David");
    }
    assertThat(legacyRows(url)).isEqualTo(before);
    // Version 1 (creating the legacy tables) was baselined, never run; versions 2 to 6 applied.
    assertThat(history(url))
        .contains("[1, BASELINE, true]", "[2, SQL, true]", "[6, SQL, true]")
        .doesNotContain("[1, SQL, true]");
    List<String> historyAfterFirstStart = history(url);

    try (TestServer again = start(url)) {
      assertThat(json(again.get("/api/tasks/all").body())).hasSize(4);
    }
    assertThat(legacyRows(url)).isEqualTo(before);
    assertThat(history(url)).isEqualTo(historyAfterFirstStart);
  }

  private TestServer start(String url) {
    Map<String, String> params = new java.util.HashMap<>();
    params.put("DATABASE_CONNECTION_STRING", url);
    if (url.startsWith("jdbc:postgresql")) {
      params.put("DATABASE_USER", "postgres");
    }
    params.put("TASK_SCHEDULER_USER", "David");
    params.put("TASK_SCHEDULER_HOST", "QUANT-PC-07");
    params.put("TASK_SCHEDULER_TIMEZONE", "Europe/Berlin");
    params.put("TASK_SCHEDULER_SCRIPTS_ROOT", home.toString());
    params.put("TASK_SCHEDULER_OUTPUT_DIR", home.resolve("output").toString());
    return TestServer.startWebapp(home.resolve("tomcat"), params);
  }

  private static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  private static void runScript(String url, String resource) throws IOException, SQLException {
    String script;
    try (InputStream in = LegacyDatabaseTest.class.getResourceAsStream(resource)) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = TestDatabases.dataSource(url).getConnection();
        Statement s = c.createStatement()) {
      for (String statement : script.split(";\\s*\\n")) {
        String sql =
            statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
    }
  }

  /** Every legacy column of every row of the four tables. */
  private static Map<String, List<Map<String, Object>>> legacyRows(String url) throws SQLException {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put(
        "Task_Scheduler",
        "SELECT "
            + String.join(", ", LEGACY_COLUMNS_OF_TASKS)
            + " FROM Task_Scheduler ORDER BY ID");
    queries.put(
        "Task_Scheduled",
        "SELECT ID, ScriptName, ScriptFolder, RunBy, RunHost, NextRun, HeartbeatID, InsertedAt, InsertedBy, InsertedHost FROM Task_Scheduled ORDER BY ID");
    queries.put(
        "Log_Task_Scheduler",
        "SELECT ID, ScriptFile, Status, SessionID, IsProd, TraceID, HeartbeatID, InsertedAt, InsertedBy, InsertedHost FROM Log_Task_Scheduler ORDER BY ID");
    queries.put(
        "Task_Scheduler_Heartbeat",
        "SELECT ID, SessionID, IsProd, InsertedAt, InsertedBy, InsertedHost FROM Task_Scheduler_Heartbeat ORDER BY ID");
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    try (Connection c = TestDatabases.dataSource(url).getConnection();
        Statement s = c.createStatement()) {
      for (var query : queries.entrySet()) {
        rows.put(query.getKey(), read(s.executeQuery(query.getValue())));
      }
    }
    assertThat(rows.get("Task_Scheduler")).hasSize(4);
    return rows;
  }

  private static List<String> history(String url) throws SQLException {
    try (Connection c = TestDatabases.dataSource(url).getConnection();
        Statement s = c.createStatement()) {
      String table =
          url.startsWith("jdbc:postgresql")
              ? "\"Task_Scheduler_Schema_History\""
              : "Task_Scheduler_Schema_History";
      List<String> out = new ArrayList<>();
      for (Map<String, Object> row :
          read(
              s.executeQuery(
                  "SELECT \"version\", \"type\", \"success\" FROM "
                      + table
                      + " ORDER BY \"installed_rank\""))) {
        out.add(row.values().toString());
      }
      return out;
    }
  }

  private static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    ResultSetMetaData meta = rs.getMetaData();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }
}
