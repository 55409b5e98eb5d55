package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import com.taskscheduler.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The read endpoints of the legacy API, served by a real Tomcat over H2 and PostgreSQL. */
class ReadApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path home;

  private TestServer start(String url) {
    Map<String, String> params = new HashMap<>();
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

  private static void sql(String url, String... statements) throws Exception {
    try (Connection c = TestDatabases.dataSource(url).getConnection();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void healthReportsTheDatabaseAndSchemaVersion(Kind kind) throws Exception {
    try (TestServer server = start(TestDatabases.freshUrl(kind))) {
      HttpResponse<String> response = server.get("/api/health");
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode health = json(response);
      assertThat(health.get("status").asText()).isEqualTo("UP");
      assertThat(health.get("database").asText()).isEqualTo("UP");
      assertThat(health.get("dialect").asText()).isEqualTo(kind.name());
      assertThat(health.get("schemaVersion").asText()).isNotBlank().isNotEqualTo("none");
      assertThat(health.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void tasksOfThisIdentityAnotherIdentityAndAllAreListedWithLegacyFieldNames(Kind kind)
      throws Exception {
    String url = TestDatabases.freshUrl(kind);
    try (TestServer server = start(url)) {
      String bool = kind == Kind.H2 ? "1" : "TRUE";
      sql(
          url,
          "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime,"
              + " ToRunAsap, Comment, RunHost, InsertedAt, InsertedBy, InsertedHost) VALUES ("
              + bool
              + ", 'david', 'load_prices.py', 'market_data', 'weekday', '07:45', "
              + (kind == Kind.H2 ? "0" : "FALSE")
              + ", '<script>alert(1)</script>', 'QUANT-PC-07', '2025-10-01 09:12:44', 'David',"
              + " 'QUANT-PC-07')",
          "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, RunHost, Every, AtTime)"
              + " VALUES ("
              + bool
              + ", 'jane', 'rebalance.py', 'QUANT-SRV-01', 'every_4_hour', NULL)");

      JsonNode mine = json(server.get("/api/tasks"));
      assertThat(mine).hasSize(1);
      JsonNode task = mine.get(0);
      assertThat(task.get("ScriptName").asText()).isEqualTo("load_prices.py");
      assertThat(task.get("ScriptFolder").asText()).isEqualTo("market_data");
      assertThat(task.get("Every").asText()).isEqualTo("weekday");
      assertThat(task.get("AtTime").asText()).isEqualTo("07:45");
      assertThat(task.get("Enable").asBoolean()).isTrue();
      assertThat(task.get("ToRunAsap").asBoolean()).isFalse();
      assertThat(task.get("Comment").asText()).isEqualTo("<script>alert(1)</script>");
      assertThat(task.get("InsertedAt").asText()).isEqualTo("2025-10-01 09:12:44");
      assertThat(task.get("InsertedBy").asText()).isEqualTo("David");
      assertThat(task.has("ID")).isTrue();

      JsonNode janes = json(server.get("/api/tasks?user=Jane&host=quant-srv-01"));
      assertThat(janes)
          .extracting(t -> t.get("ScriptName").asText())
          .containsExactly("rebalance.py");
      assertThat(json(server.get("/api/tasks/all"))).hasSize(2);

      int id = task.get("ID").asInt();
      assertThat(json(server.get("/api/task/" + id)).get("ScriptName").asText())
          .isEqualTo("load_prices.py");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void badAndUnknownIdsAndLimitsAnswerWithJsonErrors(Kind kind) throws Exception {
    try (TestServer server = start(TestDatabases.freshUrl(kind))) {
      HttpResponse<String> unknown = server.get("/api/task/999999");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(json(unknown).get("error").asText()).contains("task 999999");

      HttpResponse<String> notANumber = server.get("/api/task/abc");
      assertThat(notANumber.statusCode()).isEqualTo(400);
      assertThat(json(notANumber).get("error").asText()).startsWith("id:");

      HttpResponse<String> badLimit = server.get("/api/logs?limit=-5");
      assertThat(badLimit.statusCode()).isEqualTo(400);
      assertThat(json(badLimit).get("error").asText()).startsWith("limit:");

      HttpResponse<String> noSuchPath = server.get("/api/no-such-thing");
      assertThat(noSuchPath.statusCode()).isEqualTo(404);
      assertThat(json(noSuchPath).get("error").asText()).isEqualTo("Not Found");
      for (HttpResponse<String> r : java.util.List.of(unknown, notANumber, badLimit, noSuchPath)) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at com.");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void historyNextRunsAndHeartbeatsAreServedWithLegacyFieldNames(Kind kind) throws Exception {
    String url = TestDatabases.freshUrl(kind);
    try (TestServer server = start(url)) {
      String prod = kind == Kind.H2 ? "1" : "TRUE";
      java.time.LocalDateTime now =
          java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Berlin")).withNano(0);
      // Always with seconds: LocalDateTime.toString() drops ":00", as the API never does.
      var legacy = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
      String recent = "'" + legacy.format(now.minusMinutes(5)) + "'";
      String soon = "'" + legacy.format(now.plusMinutes(10)) + "'";
      sql(
          url,
          "INSERT INTO Log_Task_Scheduler (ScriptFile, Status, SessionID, IsProd, HeartbeatID,"
              + " InsertedAt, InsertedBy, InsertedHost) VALUES ('old.py', 'Run',"
              + " 'From_Python_Scheduler', "
              + prod
              + ", '1759476323123456', '2025-10-03 07:45:00', 'David', 'QUANT-PC-07')",
          "INSERT INTO Log_Task_Scheduler (ScriptFile, Status, SessionID, IsProd, HeartbeatID,"
              + " InsertedAt, InsertedBy, InsertedHost) VALUES ('new.py', 'Run',"
              + " 'From_Python_Scheduler', "
              + prod
              + ", '1759476323123456', '2025-10-03 08:45:00', 'David', 'QUANT-PC-07')",
          "INSERT INTO Task_Scheduled (ScriptName, ScriptFolder, RunBy, RunHost, NextRun,"
              + " HeartbeatID, InsertedAt, InsertedBy, InsertedHost) VALUES ('refresh_cache.py',"
              + " 'utils', 'david', 'QUANT-PC-07', "
              + soon
              + ", '1759476323123456', "
              + recent
              + ", 'David', 'QUANT-PC-07')",
          "INSERT INTO Task_Scheduler_Heartbeat (SessionID, IsProd, InsertedAt, InsertedBy,"
              + " InsertedHost) VALUES ('1759476323123456', "
              + prod
              + ", '2025-10-03 09:25:23', 'David', 'QUANT-PC-07')");

      JsonNode logs = json(server.get("/api/logs?limit=1"));
      assertThat(logs).hasSize(1);
      assertThat(logs.get(0).get("ScriptFile").asText()).isEqualTo("new.py");
      assertThat(logs.get(0).get("Status").asText()).isEqualTo("Run");
      assertThat(logs.get(0).get("SessionID").asText()).isEqualTo("From_Python_Scheduler");
      assertThat(logs.get(0).get("HeartbeatID").asText()).isEqualTo("1759476323123456");
      assertThat(logs.get(0).get("InsertedAt").asText()).isEqualTo("2025-10-03 08:45:00");
      assertThat(logs.get(0).get("IsProd").asBoolean()).isTrue();
      assertThat(json(server.get("/api/logs"))).hasSize(2);

      JsonNode scheduled = json(server.get("/api/scheduled"));
      assertThat(scheduled).hasSize(1);
      assertThat(scheduled.get(0).get("ScriptName").asText()).isEqualTo("refresh_cache.py");
      assertThat(scheduled.get(0).get("NextRun").asText())
          .isEqualTo(soon.substring(1, soon.length() - 1));

      JsonNode heartbeats = json(server.get("/api/heartbeat"));
      assertThat(heartbeats).hasSize(1);
      assertThat(heartbeats.get(0).get("InsertedBy").asText()).isEqualTo("David");
      assertThat(heartbeats.get(0).get("InsertedHost").asText()).isEqualTo("QUANT-PC-07");
      assertThat(heartbeats.get(0).get("IsProd").asBoolean()).isTrue();
      assertThat(heartbeats.get(0).get("LastInsertedAt").asText()).isEqualTo("2025-10-03 09:25:23");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theIndexPageAndItsScriptAreServed(Kind kind) throws Exception {
    try (TestServer server = start(TestDatabases.freshUrl(kind))) {
      HttpResponse<String> page = server.get("/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Task Scheduler Dashboard");
      assertThat(server.get("/js/index.js").statusCode()).isEqualTo(200);
      // An icon of its own, so browsers do not ask for /favicon.ico (a 404 on every page view).
      for (String html : List.of("/", "/login.html")) {
        assertThat(server.get(html).body())
            .contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">");
      }
      HttpResponse<String> icon = server.get("/favicon.svg");
      assertThat(icon.statusCode()).isEqualTo(200);
      assertThat(icon.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
    }
  }
}
