package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import com.taskscheduler.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product in one container: the API drives the real scheduler, which runs a real script
 * and reports its start and end on the event stream.
 */
class EndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  @TempDir Path home;

  /** One received server-sent event and when it arrived. */
  private record Received(String name, JsonNode data, Instant at) {}

  @Test
  void runNowStartsTheScriptWithinASecondAndTheEventStreamReportsStartAndEnd() throws Exception {
    Files.writeString(
        home.resolve("hello.sh"),
        "#!/usr/bin/env bash\necho \"hello from $TASK_SCHEDULER_RUN_ID\"\n");
    try (TestServer server =
        TestServer.startWebapp(
            home.resolve("tomcat"),
            Map.of(
                "DATABASE_CONNECTION_STRING", TestDatabases.freshUrl(Kind.H2),
                "TASK_SCHEDULER_USER", "alice",
                "TASK_SCHEDULER_HOST", "e2e-host",
                "TASK_SCHEDULER_TIMEZONE", ZONE.getId(),
                "TASK_SCHEDULER_SCRIPTS_ROOT", home.toString(),
                "TASK_SCHEDULER_OUTPUT_DIR", home.resolve("output").toString()))) {
      assertThat(post(server, "/api/scheduler/start", null).statusCode()).isEqualTo(200);
      HttpResponse<String> created =
          post(
              server,
              "/api/task",
              "{\"ScriptName\":\"hello.sh\",\"Every\":\"day\",\"AtTime\":\"03:00\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      int taskId = JSON.readTree(created.body()).get("ID").asInt();

      List<Received> events = new CopyOnWriteArrayList<>();
      CompletableFuture<?> stream = listen(server, events);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> events.stream().anyMatch(e -> e.name().equals("status")));

      Instant asked = Instant.now();
      HttpResponse<String> run = post(server, "/api/task/" + taskId + "/run", null);
      assertThat(run.statusCode()).isEqualTo(202);
      assertThat(JSON.readTree(run.body()).get("outcome").asText()).isEqualTo("STARTED");

      await().atMost(Duration.ofSeconds(10)).until(() -> find(events, "run-ended", taskId) != null);
      Received started = find(events, "run-started", taskId);
      Received ended = find(events, "run-ended", taskId);
      assertThat(started).isNotNull();
      int runId = ended.data().get("ID").asInt();

      JsonNode row = JSON.readTree(server.get("/api/runs/" + runId).body());
      assertThat(row.get("Status").asText()).isEqualTo("Success");
      assertThat(row.get("TriggeredBy").asText()).isEqualTo("manual");
      assertThat(row.get("ExitCode").asInt()).isZero();
      Instant startedAt = local(row.get("StartedAt").asText());
      Instant finishedAt = local(row.get("FinishedAt").asText());
      // The API shows whole seconds; allow that rounding on top of the one-second targets.
      assertThat(Duration.between(asked, startedAt)).isLessThan(Duration.ofSeconds(2));
      assertThat(Duration.between(startedAt, started.at())).isLessThan(Duration.ofSeconds(2));
      assertThat(Duration.between(finishedAt, ended.at())).isLessThan(Duration.ofSeconds(2));

      JsonNode output = JSON.readTree(server.get("/api/runs/" + runId + "/output").body());
      assertThat(output.get("Output").asText()).contains("hello from " + runId);

      JsonNode log = JSON.readTree(server.get("/api/scheduler/logs").body());
      assertThat(log)
          .extracting(line -> line.get("message").asText())
          .anySatisfy(m -> assertThat(m).startsWith("Started hello.sh (task " + taskId))
          .anySatisfy(m -> assertThat(m).contains("run " + runId + ") ended Success, exit code 0"));

      assertThat(post(server, "/api/scheduler/stop", null).statusCode()).isEqualTo(200);
      stream.cancel(true);
    }
  }

  private static Received find(List<Received> events, String name, int taskId) {
    return events.stream()
        .filter(e -> e.name().equals(name) && e.data().path("TaskID").asInt() == taskId)
        .findFirst()
        .orElse(null);
  }

  private static Instant local(String text) {
    return LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
        .atZone(ZONE)
        .toInstant();
  }

  private static HttpResponse<String> post(TestServer server, String path, String body) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("X-Requested-With", "XMLHttpRequest")
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Reads the event stream line by line, recording each event as it arrives. */
  private static CompletableFuture<?> listen(TestServer server, List<Received> events) {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/api/events"))
            .header("Accept", "text/event-stream")
            .build();
    String[] name = {null};
    return HttpClient.newHttpClient()
        .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(
            response ->
                response
                    .body()
                    .forEach(
                        line -> {
                          if (line.startsWith("event:")) {
                            name[0] = line.substring(6).trim();
                          } else if (line.startsWith("data:") && name[0] != null) {
                            try {
                              events.add(
                                  new Received(
                                      name[0],
                                      JSON.readTree(line.substring(5).trim()),
                                      Instant.now()));
                            } catch (Exception e) {
                              throw new IllegalStateException(e);
                            }
                          }
                        }));
  }
}
