package com.taskscheduler.web;

import static com.taskscheduler.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskscheduler.run.RunStatus;
import com.taskscheduler.scheduler.SchedulerControl.Event;
import com.taskscheduler.scheduler.SchedulerControl.LogLine;
import com.taskscheduler.scheduler.SchedulerControl.RunNowOutcome;
import com.taskscheduler.testing.TestDatabases.Kind;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoints beyond task CRUD, against one server on H2 with a recording scheduler. */
class ApiEndpointsTest {
  @TempDir static java.nio.file.Path home;
  static ApiFixture api;

  /** Every resource class the application registers. */
  static final List<Class<?>> RESOURCES =
      List.of(
          TaskResource.class,
          RunResource.class,
          NextRunResource.class,
          HeartbeatResource.class,
          HealthResource.class,
          SchedulerResource.class,
          EventsResource.class,
          AuditResource.class,
          StatsResource.class,
          SessionResource.class,
          SchedulePreviewResource.class,
          OpenApiResource.class);

  @BeforeAll
  static void start() throws Exception {
    api = new ApiFixture(home, Kind.H2, Map.of());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  int newTask(boolean enabled) throws Exception {
    var created =
        api.send(
            "POST",
            "/api/task",
            "{\"ScriptName\":\"t.py\",\"Every\":\"minutes\",\"AtTime\":\"15\",\"Enable\":"
                + enabled
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("ID").asInt();
  }

  @Test
  void theContainersOwnErrorsAnswerInJsonWithoutItsHtmlPage() {
    for (String path : List.of("/no-such-page.html", "/js/no-such.js", "/error")) {
      var response = api.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(json(response).get("error").asText()).as(path).isEqualTo("Not Found");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.body()).doesNotContainIgnoringCase("tomcat");
    }
    var head = api.send("HEAD", "/no-such-page.html", null);
    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void schedulerStatusStartStopAndLogsGoThroughTheSchedulerControl() {
    JsonNode status = json(api.get("/api/scheduler/status"));
    assertThat(status.get("running").asBoolean()).isFalse();
    assertThat(status.get("start_time").isNull()).isTrue();
    JsonNode started = json(api.send("POST", "/api/scheduler/start", null));
    assertThat(started.get("running").asBoolean()).isTrue();
    assertThat(started.get("start_time").asText()).isEqualTo("2026-03-01 10:00:00");
    assertThat(started.get("session_id").asText()).isEqualTo("1772355600000000");
    JsonNode stopped = json(api.send("POST", "/api/scheduler/stop", null));
    assertThat(stopped.get("running").asBoolean()).isFalse();
    assertThat(api.scheduler.calls).contains("start", "stop");

    synchronized (api.scheduler) {
      api.scheduler.log.add(
          new LogLine(Instant.parse("2026-03-01T09:00:00Z"), "INFO", "<b>hello</b>"));
    }
    JsonNode logs = json(api.get("/api/scheduler/logs?limit=500"));
    assertThat(logs.get(logs.size() - 1).get("message").asText()).isEqualTo("<b>hello</b>");
    assertThat(logs.get(logs.size() - 1).get("timestamp").asText())
        .isEqualTo("2026-03-01 10:00:00");
    assertThat(api.scheduler.calls).contains("recentLog 500");
    assertThat(json(api.get("/api/scheduler/logs?limit=501")).get("error").asText())
        .startsWith("limit:");
    assertThat(json(api.get("/api/audit")).findValuesAsText("Operation")).contains("start", "stop");
  }

  @Test
  void runNowAnswers202WithItsOutcomeAnd409Or404WhenItCannot() throws Exception {
    int id = newTask(true);
    var started = api.send("POST", "/api/task/" + id + "/run", null);
    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(json(started).get("outcome").asText()).isEqualTo("STARTED");
    api.scheduler.nextOutcome = RunNowOutcome.FLAGGED_ASAP;
    assertThat(json(api.send("POST", "/api/task/" + id + "/run", null)).get("outcome").asText())
        .isEqualTo("FLAGGED_ASAP");
    api.scheduler.nextOutcome = RunNowOutcome.STARTED;
    synchronized (api.scheduler) {
      api.scheduler.runningTasks.add(id);
    }
    assertThat(api.send("POST", "/api/task/" + id + "/run", null).statusCode()).isEqualTo(409);
    int disabled = newTask(false);
    assertThat(api.send("POST", "/api/task/" + disabled + "/run", null).statusCode())
        .isEqualTo(409);
    assertThat(api.scheduler.calls).doesNotContain("runNow " + disabled);
    assertThat(api.send("POST", "/api/task/987654/run", null).statusCode()).isEqualTo(404);
  }

  @Test
  void nextShowsUpcomingFireTimesAndInvalidStoredSchedulesWithoutFailing() throws Exception {
    var created =
        api.send(
            "POST",
            "/api/task",
            "{\"ScriptName\":\"d.py\",\"Every\":\"day\",\"AtTime\":\"07:45\"}");
    int id = json(created).get("ID").asInt();
    JsonNode next = json(api.get("/api/task/" + id + "/next?count=3"));
    assertThat(next.get("NextFireTimes")).hasSize(3);
    assertThat(next.get("NextFireTimes").get(0).asText()).endsWith("07:45:00");
    assertThat(api.get("/api/task/" + id + "/next?count=0").statusCode()).isEqualTo(400);
    api.database.inTransaction(
        em ->
            em.createNativeQuery("UPDATE Task_Scheduler SET Every = 'fortnightly' WHERE ID = " + id)
                .executeUpdate());
    JsonNode invalid = json(api.get("/api/task/" + id + "/next"));
    assertThat(invalid.get("ScheduleValid").asBoolean()).isFalse();
    JsonNode task = json(api.get("/api/task/" + id));
    assertThat(task.get("ScheduleValid").asBoolean()).isFalse();
    assertThat(task.get("ScheduleError").asText()).contains("Every");
  }

  @Test
  void killAsksTheSchedulerAndReportsRunsItDoesNotHave() {
    int runId = TaskAndHistoryApiTest.insertRun(api, "k.py", RunStatus.RUN, LocalDateTime.now(), 1);
    assertThat(api.send("POST", "/api/runs/" + runId + "/kill", null).statusCode()).isEqualTo(409);
    synchronized (api.scheduler) {
      api.scheduler.killableRuns.add(runId);
    }
    var killed = api.send("POST", "/api/runs/" + runId + "/kill", null);
    assertThat(killed.statusCode()).isEqualTo(202);
    assertThat(json(killed).get("killed").asBoolean()).isTrue();
    assertThat(api.send("POST", "/api/runs/99999/kill", null).statusCode()).isEqualTo(404);
    JsonNode output = json(api.get("/api/runs/" + runId + "/output"));
    assertThat(output.get("Available").asBoolean()).isFalse();
  }

  @Test
  void runOutputIsReadOnlyFromTheOutputDirectory() throws Exception {
    java.nio.file.Path dir = home.resolve("output");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("run-1.log"), "hello\n");
    java.nio.file.Files.writeString(home.resolve("secret.txt"), "secret");
    int inside =
        TaskAndHistoryApiTest.insertRun(api, "o.py", RunStatus.SUCCESS, LocalDateTime.now(), 1);
    int outside =
        TaskAndHistoryApiTest.insertRun(api, "o.py", RunStatus.SUCCESS, LocalDateTime.now(), 1);
    api.database.inTransaction(
        em -> {
          em.createNativeQuery("UPDATE Log_Task_Scheduler SET OutputPath = ? WHERE ID = ?")
              .setParameter(1, dir.resolve("run-1.log").toString())
              .setParameter(2, inside)
              .executeUpdate();
          return em.createNativeQuery("UPDATE Log_Task_Scheduler SET OutputPath = ? WHERE ID = ?")
              .setParameter(1, "../secret.txt")
              .setParameter(2, outside)
              .executeUpdate();
        });
    assertThat(json(api.get("/api/runs/" + inside + "/output")).get("Output").asText())
        .isEqualTo("hello\n");
    JsonNode refused = json(api.get("/api/runs/" + outside + "/output"));
    assertThat(refused.get("Available").asBoolean()).isFalse();
    assertThat(refused.toString()).doesNotContain("secret");
  }

  @Test
  void bodiesOverOneMebibyteAreRefusedWith413WithOrWithoutALength() {
    String huge = "{\"Comment\":\"" + "c".repeat(BodyLimit.MAX_BYTES) + "\"}";
    var sized = api.send("POST", "/api/task", huge);
    assertThat(sized.statusCode()).isEqualTo(413);
    assertThat(json(sized).get("error").asText()).startsWith("body:");
    var chunked =
        api.server.send(
            HttpRequest.newBuilder(api.server.uri("/api/task"))
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new java.io.ByteArrayInputStream(
                                huge.getBytes(StandardCharsets.UTF_8))))
                .build());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(json(chunked).get("error").asText()).startsWith("body:");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    for (String path : List.of("/api/tasks", "/api/nope", "/api/task/x", "/", "/missing.html")) {
      var response = api.get(path);
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(SecurityHeadersFilter.CSP);
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
      if (path.equals("/api/tasks")) {
        // Task lists carry an entity tag: browsers keep them but must ask again every time.
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        json(response);
      } else if (path.startsWith("/api")) {
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        json(response);
      }
    }
    var foreign =
        api.server.send(
            HttpRequest.newBuilder(api.server.uri("/api/tasks"))
                .header("Origin", "https://evil.example")
                .GET()
                .build());
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void theOpenApiDocumentListsExactlyTheResourceMethods() throws Exception {
    JsonNode document = json(api.get("/api/openapi.json"));
    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        paths.hasNext(); ) {
      var path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(endpoints());
  }

  /** "METHOD /path" of every JAX-RS resource method, by reflection. */
  static Set<String> endpoints() {
    Set<String> all = new HashSet<>();
    for (Class<?> resource : RESOURCES) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getMethods()) {
        for (var annotation : method.getAnnotations()) {
          HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
          if (http != null) {
            Path sub = method.getAnnotation(Path.class);
            all.add(http.value() + " " + join(base, sub == null ? "" : sub.value()));
          }
        }
      }
    }
    return all;
  }

  private static String join(String base, String sub) {
    String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Test
  void theEventStreamDeliversRunStartsAndEndsWithinOneSecond() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<java.io.InputStream> response =
        client.send(
            HttpRequest.newBuilder(api.server.uri("/api/events"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
    Thread reader =
        new Thread(
            () -> {
              try (var in =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (Exception e) {
                // the stream was closed
              }
            },
            "test-sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      assertThat(next(lines, "event:")).isEqualTo("event: status");
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !api.scheduler.listeners.isEmpty());
      api.scheduler.publish(new Event.RunStarted(41, 7, "job.py"));
      assertThat(next(lines, "event:")).isEqualTo("event: run-started");
      assertThat(next(lines, "data:")).contains("\"ID\":41").contains("\"TaskID\":7");
      api.scheduler.publish(new Event.RunEnded(41, 7, "job.py", "Success"));
      assertThat(next(lines, "event:")).isEqualTo("event: run-ended");
      assertThat(next(lines, "data:")).contains("\"Status\":\"Success\"");
    } finally {
      response.body().close();
    }
  }

  /** The next line starting with {@code prefix}, waiting at most one second for each line. */
  private static String next(BlockingQueue<String> lines, String prefix)
      throws InterruptedException {
    while (true) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      assertThat(line).as("a line starting with " + prefix + " within 1 s").isNotNull();
      if (line.startsWith(prefix)) {
        return line.replace(prefix + " ", prefix + " ")
            .replaceFirst("^" + prefix + "(?! )", prefix + " ");
      }
    }
  }
}
