package com.taskscheduler.web;

import static com.taskscheduler.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskscheduler.run.Run;
import com.taskscheduler.run.RunStatus;
import com.taskscheduler.run.Trigger;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Task CRUD and the history's paging, sorting, search and CSV, on H2 and PostgreSQL. */
class TaskAndHistoryApiTest {
  private static final java.util.concurrent.atomic.AtomicInteger FIRES =
      new java.util.concurrent.atomic.AtomicInteger();
  @TempDir Path home;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void onALegacyDatabaseWithANarrowCommentColumnALongerCommentIsA400NamingIt(Kind kind)
      throws Exception {
    String url = TestDatabases.freshUrl(kind);
    String v1;
    try (var in =
        getClass()
            .getResourceAsStream(
                "/db/migration/"
                    + kind.name().toLowerCase(Locale.ROOT)
                    + "/V1__legacy_tables.sql")) {
      v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // The legacy tables as many Python-tool databases have them: nvarchar(255) everywhere.
    String legacy = v1.replaceFirst("Comment\\s+[A-Z ]+,", "Comment VARCHAR(255),");
    assertThat(legacy).isNotEqualTo(v1);
    try (Connection c = TestDatabases.dataSource(url).getConnection();
        Statement s = c.createStatement()) {
      s.execute(legacy);
    }
    try (ApiFixture api = new ApiFixture(home, kind, url, Map.of())) {
      String task =
          "{\"ScriptName\":\"a.py\",\"Every\":\"day\",\"AtTime\":\"07:45\",\"Comment\":\"";
      var tooLong = api.send("POST", "/api/task", task + "c".repeat(256) + "\"}");
      assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
      assertThat(json(tooLong).get("error").asText())
          .isEqualTo("Comment: must be at most 255 characters");
      var fits = api.send("POST", "/api/task", task + "c".repeat(255) + "\"}");
      assertThat(fits.statusCode()).as(fits.body()).isEqualTo(201);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTaskIsCreatedReadUpdatedAndDeletedWithServerSetFields(Kind kind) throws Exception {
    try (ApiFixture api = new ApiFixture(home, kind, Map.of())) {
      var created =
          api.send(
              "POST",
              "/api/task",
              "{\"ScriptName\":\"job.py\",\"ScriptFolder\":\"etl\",\"Every\":\"Day\",\"AtTime\":\"07:45\",\"ID\":999,\"InsertedBy\":\"mallory\",\"InsertedAt\":\"2000-01-01"
                  + " 00:00:00\",\"Unknown\":\"x\",\"Enable\":1,\"TimeoutSeconds\":60}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode task = json(created);
      int id = task.get("ID").asInt();
      assertThat(id).isNotEqualTo(999);
      assertThat(task.get("InsertedBy").asText()).isEqualTo("Alice");
      assertThat(task.get("InsertedHost").asText()).isEqualTo("test-host");
      assertThat(task.get("InsertedAt").asText()).doesNotStartWith("2000");
      assertThat(task.get("RunBy").asText()).isEqualTo("alice");
      assertThat(task.get("RunHost").asText()).isEqualTo("test-host");
      assertThat(task.get("Enable").asBoolean()).isTrue();
      assertThat(task.get("ToRunAsap").asBoolean()).isFalse();
      assertThat(task.get("ScheduleValid").asBoolean()).isTrue();
      assertThat(task.get("TimeoutSeconds").asInt()).isEqualTo(60);
      assertThat(task.has("Unknown")).isFalse();

      var updated =
          api.send(
              "PUT",
              "/api/task/" + id,
              "{\"Enable\":0,\"Comment\":\"paused\",\"InsertedBy\":\"x\"}");
      assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
      assertThat(json(updated).get("Enable").asBoolean()).isFalse();
      assertThat(json(updated).get("Every").asText()).isEqualTo("Day");
      JsonNode read = json(api.get("/api/task/" + id));
      assertThat(read.get("Comment").asText()).isEqualTo("paused");
      assertThat(read.get("InsertedBy").asText()).isEqualTo("Alice");

      var badSchedule = api.send("PUT", "/api/task/" + id, "{\"Every\":\"minutes\"}");
      assertThat(badSchedule.statusCode()).isEqualTo(400);
      assertThat(json(badSchedule).get("error").asText()).contains("AtTime");
      assertThat(json(api.get("/api/task/" + id)).get("Every").asText()).isEqualTo("Day");

      var longName =
          api.send("PUT", "/api/task/" + id, "{\"ScriptName\":\"" + "a".repeat(256) + "\"}");
      assertThat(longName.statusCode()).isEqualTo(400);
      assertThat(json(longName).get("error").asText()).startsWith("ScriptName:");

      var wrongType = api.send("PUT", "/api/task/" + id, "{\"Enable\":\"yes\"}");
      assertThat(json(wrongType).get("error").asText()).startsWith("Enable:");

      var missing = api.send("POST", "/api/task", "{\"ScriptName\":\"a.py\"}");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(json(missing).get("error").asText()).startsWith("Every:");

      assertThat(api.get("/api/tasks").body()).contains("job.py");
      api.send(
          "POST", "/api/task", "{\"ScriptName\":\"b.py\",\"Every\":\"hours\",\"AtTime\":\"2\"}");
      api.send(
          "POST",
          "/api/task",
          "{\"ScriptName\":\"c.py\",\"Every\":\"hours\",\"AtTime\":\"3\",\"RunBy\":\"Bob\"}");
      JsonNode tablePage =
          json(api.get("/api/tasks/all?draw=7&start=0&length=2&orderBy=ScriptName&dir=desc"));
      assertThat(tablePage.get("draw").asInt()).isEqualTo(7);
      assertThat(tablePage.get("recordsTotal").asInt()).isEqualTo(3);
      assertThat(tablePage.get("data"))
          .extracting(t -> t.get("ScriptName").asText())
          .containsExactly("job.py", "c.py");
      JsonNode searched = json(api.get("/api/tasks/all?draw=1&search%5Bvalue%5D=C.P"));
      assertThat(searched.get("recordsFiltered").asInt()).isEqualTo(1);
      JsonNode mine = json(api.get("/api/tasks?draw=1&length=10"));
      assertThat(mine.get("recordsTotal").asInt()).isEqualTo(2);
      assertThat(
              json(api.get("/api/tasks?user=bob&host=TEST-HOST")).get(0).get("ScriptName").asText())
          .isEqualTo("c.py");
      assertThat(api.get("/api/tasks/all?draw=1&orderBy=Comment").statusCode()).isEqualTo(400);
      assertThat(api.get("/api/tasks/all").body()).contains("job.py");

      // Only plain digits name a task: "+1", "1 " or another script's digits do not.
      for (String lookalike : new String[] {id + "%20", "+" + id, "%D9%A1"}) {
        var refused = api.send("DELETE", "/api/task/" + lookalike, null);
        assertThat(refused.statusCode()).as(lookalike).isEqualTo(400);
        assertThat(json(refused).get("error").asText()).startsWith("id:");
      }
      assertThat(api.get("/api/task/" + id).statusCode()).isEqualTo(200);
      var deleted = api.send("DELETE", "/api/task/" + id, null);
      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(json(deleted).get("deleted").asBoolean()).isTrue();
      assertThat(api.get("/api/task/" + id).statusCode()).isEqualTo(404);
      assertThat(api.send("DELETE", "/api/task/" + id, null).statusCode()).isEqualTo(404);
      assertThat(api.send("PUT", "/api/task/" + id, "{}").statusCode()).isEqualTo(404);

      JsonNode audit = json(api.get("/api/audit"));
      assertThat(audit)
          .extracting(a -> a.get("Operation").asText())
          .containsExactly("delete", "create", "create", "update", "create");
      assertThat(audit.get(0).get("Before").get("ID").asInt()).isEqualTo(id);
      assertThat(audit.get(0).get("After").isNull()).isTrue();
      assertThat(audit.get(3).get("Before").get("Enable").asBoolean()).isTrue();
      assertThat(audit.get(3).get("After").get("Enable").asBoolean()).isFalse();
      assertThat(audit.get(0).get("Actor").asText()).isEqualTo("open");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theHistoryIsPagedSortedSearchedFilteredAndExported(Kind kind) throws Exception {
    try (ApiFixture api = new ApiFixture(home, kind, Map.of())) {
      LocalDateTime base = LocalDateTime.of(2026, 3, 1, 8, 0);
      for (int i = 0; i < 30; i++) {
        insertRun(
            api,
            i % 3 == 0 ? "etl_%load.py" : "report" + i + ".py",
            i % 2 == 0 ? RunStatus.SUCCESS : RunStatus.FAILED,
            base.plusMinutes(i),
            i % 5 + 1);
      }
      insertRun(api, "=cmd|' /C calc'!A0", RunStatus.SUCCESS, base.plusDays(2), 9);

      JsonNode legacy = json(api.get("/api/logs?limit=5"));
      assertThat(legacy.isArray()).isTrue();
      assertThat(legacy).hasSize(5);
      assertThat(legacy.get(0).get("InsertedAt").asText()).isEqualTo("2026-03-03 08:00:00");

      JsonNode page =
          json(
              api.get(
                  "/api/logs?draw=3&start=10&length=10"
                      + "&order[0][column]=0&order[0][dir]=asc&columns[0][data]=ID"
                          .replace("[", "%5B")
                          .replace("]", "%5D")));
      assertThat(page.get("draw").asInt()).isEqualTo(3);
      assertThat(page.get("recordsTotal").asInt()).isEqualTo(31);
      assertThat(page.get("recordsFiltered").asInt()).isEqualTo(31);
      assertThat(page.get("data")).hasSize(10);
      assertThat(page.get("data").get(0).get("ID").asInt())
          .isLessThan(page.get("data").get(1).get("ID").asInt());

      // "%" and "_" in the search are literal characters, not wildcards.
      JsonNode search =
          json(api.get("/api/logs?draw=1&start=0&length=100&search%5Bvalue%5D=" + enc("L_%LOAD")));
      assertThat(search.get("recordsFiltered").asInt()).isEqualTo(10);
      JsonNode wildcard =
          json(api.get("/api/logs?draw=1&start=0&length=100&search%5Bvalue%5D=" + enc("%")));
      assertThat(wildcard.get("recordsFiltered").asInt()).isEqualTo(10);
      JsonNode injection =
          json(api.get("/api/logs?draw=1&length=10&search%5Bvalue%5D=" + enc("' OR '1'='1")));
      assertThat(injection.get("recordsFiltered").asInt()).isZero();

      JsonNode filtered =
          json(
              api.get(
                  "/api/logs?draw=1&length=100&status=failed&taskId=2"
                      + "&from="
                      + enc("2026-03-01 08:00:00")
                      + "&to=2026-03-01"));
      assertThat(filtered.get("data"))
          .allSatisfy(
              r -> {
                assertThat(r.get("Status").asText()).isEqualTo("Failed");
                assertThat(r.get("TaskID").asInt()).isEqualTo(2);
              });
      assertThat(filtered.get("recordsFiltered").asInt()).isEqualTo(3);

      var badSort = api.get("/api/logs?draw=1&orderBy=ScriptFile");
      assertThat(badSort.statusCode()).isEqualTo(400);
      assertThat(json(badSort).get("error").asText()).startsWith("orderBy:");
      assertThat(json(api.get("/api/logs?from=yesterday")).get("error").asText())
          .startsWith("from:");

      var csv = api.get("/api/logs.csv?status=success");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
      String[] lines = csv.body().split("\n");
      assertThat(lines[0]).startsWith("ID,ScriptFile,Status");
      assertThat(lines).hasSize(1 + 16);
      assertThat(lines[1]).contains("'=cmd");

      int runId = legacy.get(0).get("ID").asInt();
      assertThat(json(api.get("/api/runs/" + runId)).get("ScriptFile").asText()).startsWith("=cmd");
      assertThat(api.get("/api/runs/999999").statusCode()).isEqualTo(404);
      assertThat(api.get("/api/runs/abc").statusCode()).isEqualTo(400);
    }
  }

  static int insertRun(
      ApiFixture api, String script, RunStatus status, LocalDateTime at, int taskId) {
    return api.database.inTransaction(
        em -> {
          Run run = new Run();
          run.setScriptFile(script);
          run.setStatus(status);
          run.setSessionId("1");
          run.setHeartbeatId("1");
          run.setProd(true);
          run.setInsertedAt(at);
          run.setInsertedBy("Alice");
          run.setInsertedHost("test-host");
          run.setTaskId(taskId);
          run.setTriggeredBy(Trigger.SCHEDULE);
          run.setFireTime(
              Instant.parse("2026-03-01T07:00:00Z").plusSeconds(FIRES.incrementAndGet()));
          em.persist(run);
          em.flush();
          return run.getId();
        });
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
