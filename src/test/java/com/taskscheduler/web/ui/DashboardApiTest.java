package com.taskscheduler.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The small endpoints the dashboard added: stats, session and the schedule preview. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  UiApp app;
  LocalDateTime now;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    app = new UiApp(home, Map.of());
    now = LocalDateTime.now(ZoneId.of(UiApp.ZONE));
    try (var c = app.jdbc()) {
      try (var s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, Every, AtTime, ToRunAsap,"
                + " RunHost) VALUES (1, 'alice', 'a.sh', 'day', '08:00', 0, 'test-host'),"
                + " (0, 'alice', 'b.sh', 'day', '09:00', 0, 'test-host')");
      }
      try (var run =
          c.prepareStatement(
              "INSERT INTO Log_Task_Scheduler (ScriptFile, Status, InsertedAt, TaskID)"
                  + " VALUES (?, ?, ?, ?)")) {
        Object[][] rows = {
          {"Success", now.minusMinutes(5), 1},
          {"Failed", now.minusMinutes(4), 1},
          {"Timeout", now.minusHours(2), 2},
          {"Success", now.minusDays(2), 2},
          {"Success", now.minusDays(2).minusMinutes(1), null},
          {"Failed", now.minusDays(30), null}
        };
        for (Object[] row : rows) {
          run.setString(1, "x.sh");
          run.setString(2, (String) row[0]);
          run.setTimestamp(3, Timestamp.valueOf((LocalDateTime) row[1]));
          run.setObject(4, row[2]);
          run.executeUpdate();
        }
      }
    }
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private JsonNode get(String path, int status) throws Exception {
    var response = app.server.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  @Test
  void theSummaryCountsTasksAndTheLastDaysRunsAndFailures() throws Exception {
    JsonNode s = get("/api/stats/summary", 200);
    assertThat(s.get("Tasks").asInt()).isEqualTo(2);
    assertThat(s.get("EnabledTasks").asInt()).isEqualTo(1);
    assertThat(s.get("RecentRuns").asInt()).isEqualTo(3);
    assertThat(s.get("Failures").asInt()).isEqualTo(2);
    assertThat(s.get("TimeZone").asText()).isEqualTo(UiApp.ZONE);
    assertThat(s.get("Now").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
  }

  @Test
  void runsPerDayAreGroupedByLocalDayAndStatus() throws Exception {
    JsonNode r = get("/api/stats/runs-per-day?days=14", 200);
    assertThat(r.get("Days")).hasSize(14);
    assertThat(r.get("Days").get(13).asText()).isEqualTo(now.toLocalDate().toString());
    int twoDaysAgo = 11;
    assertThat(r.get("Series").get("Success").get(twoDaysAgo).asInt()).isEqualTo(2);
    long total = 0;
    for (JsonNode series : r.get("Series")) {
      for (JsonNode n : series) {
        total += n.asLong();
      }
    }
    assertThat(total).as("the 30-day-old run is outside").isEqualTo(5);
    assertThat(get("/api/stats/runs-per-day?days=0", 400).get("error").asText()).startsWith("days");
  }

  @Test
  void lastRunsGiveTheNewestRunOfEachTask() throws Exception {
    JsonNode rows = get("/api/stats/last-runs", 200);
    Map<Integer, String> byTask = new java.util.HashMap<>();
    rows.forEach(row -> byTask.put(row.get("TaskID").asInt(), row.get("Status").asText()));
    assertThat(byTask).containsEntry(1, "Failed").containsEntry(2, "Success").hasSize(2);
  }

  @Test
  void theSessionSaysWhetherLoginIsRequired() throws Exception {
    assertThat(get("/api/session", 200).get("loginRequired").asBoolean()).isFalse();
  }

  @Test
  void theSchedulePreviewListsFireTimesOrSaysWhyTheScheduleIsInvalid() throws Exception {
    JsonNode ok = get("/api/schedule/preview?Every=day&AtTime=08:30&count=3", 200);
    assertThat(ok.get("ScheduleValid").asBoolean()).isTrue();
    assertThat(ok.get("NextFireTimes")).hasSize(3);
    ok.get("NextFireTimes").forEach(t -> assertThat(t.asText()).endsWith(" 08:30:00"));
    JsonNode bad = get("/api/schedule/preview?Every=minutes&AtTime=often", 200);
    assertThat(bad.get("ScheduleValid").asBoolean()).isFalse();
    assertThat(bad.get("ScheduleError").asText()).startsWith("AtTime");
    assertThat(
            get("/api/schedule/preview?Every=day&AtTime=08:00&count=x", 400).get("error").asText())
        .startsWith("count");
  }
}
