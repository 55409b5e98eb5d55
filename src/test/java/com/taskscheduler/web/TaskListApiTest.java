package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.db.Database;
import com.taskscheduler.task.TaskRepository;
import com.taskscheduler.testing.MutableClock;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import com.taskscheduler.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/tasks} and {@code /api/tasks/all} served from their short-lived copy, in a real
 * Tomcat over H2 and PostgreSQL, with the application's clock held still unless a test moves it.
 */
class TaskListApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery staple";
  @TempDir Path home;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  private final class Server implements AutoCloseable {
    final String url;
    final TestServer server;

    Server(Kind kind, Map<String, String> settings) {
      url = TestDatabases.freshUrl(kind);
      Map<String, String> params = new HashMap<>(TestConfigs.defaults(home));
      params.put("DATABASE_CONNECTION_STRING", url);
      if (kind == Kind.POSTGRESQL) {
        params.put("DATABASE_USER", "postgres");
      }
      params.putAll(settings);
      // The real scheduler, not started: Run now of a task then sets its Run ASAP flag.
      server =
          TestServer.startWebapp(
              home.resolve("tomcat"), params, Map.of(Clock.class.getName(), clock));
      assertThat(server.isAvailable()).as("application started").isTrue();
    }

    HttpResponse<String> get(String path, String... headers) {
      HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
      if (headers.length > 0) {
        request.headers(headers);
      }
      return server.send(request.build());
    }

    HttpResponse<String> send(String method, String path, String body) {
      return server.send(
          HttpRequest.newBuilder(server.uri(path))
              .header("X-Requested-With", "XMLHttpRequest")
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .build());
    }

    /** A write straight to the database, as the Python tool or another server makes it. */
    void sql(String statement) throws Exception {
      try (Connection c = TestDatabases.dataSource(url).getConnection();
          Statement s = c.createStatement()) {
        s.execute(statement);
      }
    }

    void insertTask(String user, String host, String script, String every, String atTime)
        throws Exception {
      sql(
          "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime,"
              + " ToRunAsap, Comment, RunHost, InsertedAt, InsertedBy, InsertedHost) VALUES ("
              + (url.startsWith("jdbc:h2") ? "1, " : "TRUE, ")
              + String.join(", ", quote(user), quote(script), "'jobs'", quote(every))
              + ", "
              + quote(atTime)
              + ", "
              + (url.startsWith("jdbc:h2") ? "0" : "FALSE")
              + ", 'ünïcödé <b>bold</b>', "
              + quote(host)
              + ", '2025-10-01 09:12:44', 'Alice', 'test-host')");
    }

    @Override
    public void close() {
      server.close();
    }
  }

  private static String quote(String value) {
    return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            type ->
                assertThat(type.replace(" ", ""))
                    .isEqualToIgnoringCase("application/json;charset=UTF-8"));
    return JSON.readTree(response.body());
  }

  private static List<String> comments(HttpResponse<String> response) throws Exception {
    return json(response).findValuesAsText("Comment");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theListIsWhatTheStoredTasksShowAndTheKeptCopyIsTheSameBytes(Kind kind) throws Exception {
    try (Server app = new Server(kind, Map.of())) {
      app.insertTask("alice", "test-host", "a.py", "day", "03:00");
      app.insertTask("ALICE", "TEST-HOST", "b.py", "nonsense", null);
      app.insertTask("alice", "test-host", "c.py", "weekday", "25:00");
      app.insertTask("bob", "other-host", "d.py", "hours", "2");

      HttpResponse<String> first = app.get("/api/tasks");
      HttpResponse<String> again = app.get("/api/tasks");
      assertThat(again.body()).isEqualTo(first.body());
      assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
      // Built the slow way: managed entities, one DTO each, the application's mapper settings.
      try (Database db = Database.open(TestDatabases.dataSource(app.url), null)) {
        TaskRepository tasks = new TaskRepository(db);
        ZoneId zone = ZoneId.of("Europe/Berlin");
        ObjectMapper mapper = new ApiApplication.ObjectMapperResolver().mapper;
        assertThat(json(first))
            .isEqualTo(
                mapper.valueToTree(
                    tasks.forIdentity("alice", "test-host").stream()
                        .map(t -> TaskDto.of(t, zone))
                        .toList()))
            .hasSize(3);
        assertThat(json(app.get("/api/tasks/all")))
            .isEqualTo(
                mapper.valueToTree(tasks.all().stream().map(t -> TaskDto.of(t, zone)).toList()))
            .hasSize(4);
        assertThat(json(app.get("/api/tasks?user=Bob&host=OTHER-HOST")).findValuesAsText("ID"))
            .hasSize(1);
      }
      // The DataTables page, built per request, shows the same rows.
      JsonNode page = json(app.get("/api/tasks?draw=1&start=0&length=100"));
      assertThat(page.get("data")).isEqualTo(json(first));
      JsonNode tasks = json(first);
      assertThat(tasks.get(1).get("ScheduleValid").asBoolean()).isFalse();
      assertThat(tasks.get(1).get("ScheduleError").asText()).isNotBlank();
      assertThat(tasks.get(0).get("InsertedAt").asText()).isEqualTo("2025-10-01 09:12:44");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aWriteThroughTheApiShowsOnTheVeryNextRequest(Kind kind) throws Exception {
    try (Server app = new Server(kind, Map.of())) {
      assertThat(json(app.get("/api/tasks"))).isEmpty();
      assertThat(json(app.get("/api/tasks/all"))).isEmpty();

      HttpResponse<String> created =
          app.send(
              "POST",
              "/api/task",
              "{\"ScriptName\":\"a.py\",\"Every\":\"day\",\"AtTime\":\"03:00\",\"Comment\":\"new\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      int id = JSON.readTree(created.body()).get("ID").asInt();
      assertThat(comments(app.get("/api/tasks"))).containsExactly("new");
      assertThat(comments(app.get("/api/tasks/all"))).containsExactly("new");

      assertThat(app.send("PUT", "/api/task/" + id, "{\"Comment\":\"edited\"}").statusCode())
          .isEqualTo(200);
      assertThat(comments(app.get("/api/tasks"))).containsExactly("edited");
      assertThat(comments(app.get("/api/tasks/all"))).containsExactly("edited");

      assertThat(app.send("PUT", "/api/task/" + id, "{\"Enable\":false}").statusCode())
          .isEqualTo(200);
      assertThat(json(app.get("/api/tasks")).get(0).get("Enable").asBoolean()).isFalse();

      assertThat(app.send("DELETE", "/api/task/" + id, null).statusCode()).isEqualTo(200);
      assertThat(json(app.get("/api/tasks"))).isEmpty();
      assertThat(json(app.get("/api/tasks/all"))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theSchedulersRunAsapFlagShowsOnTheVeryNextRequest(Kind kind) throws Exception {
    try (Server app = new Server(kind, Map.of())) {
      app.insertTask("bob", "other-host", "b.py", "day", "03:00");
      JsonNode before = json(app.get("/api/tasks/all")).get(0);
      assertThat(before.get("ToRunAsap").asBoolean()).isFalse();

      HttpResponse<String> run =
          app.send("POST", "/api/task/" + before.get("ID").asInt() + "/run", null);
      assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
      assertThat(JSON.readTree(run.body()).get("outcome").asText()).isEqualTo("FLAGGED_ASAP");

      assertThat(json(app.get("/api/tasks/all")).get(0).get("ToRunAsap").asBoolean()).isTrue();
      assertThat(
              json(app.get("/api/tasks?user=bob&host=other-host"))
                  .get(0)
                  .get("ToRunAsap")
                  .asBoolean())
          .isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDirectDatabaseWriteShowsOnceTheListIsOlderThanItsMaxAge(Kind kind) throws Exception {
    try (Server app = new Server(kind, Map.of())) {
      app.insertTask("alice", "test-host", "a.py", "day", "03:00");
      assertThat(comments(app.get("/api/tasks"))).containsExactly("ünïcödé <b>bold</b>");

      app.sql("UPDATE Task_Scheduler SET Comment = 'by the Python tool'");
      clock.advance(TaskResource.LIST_MAX_AGE.minusMillis(1));
      assertThat(comments(app.get("/api/tasks")))
          .as("within the max age the copy may be served")
          .containsExactly("ünïcödé <b>bold</b>");

      clock.advance(Duration.ofMillis(1));
      assertThat(comments(app.get("/api/tasks"))).containsExactly("by the Python tool");
      assertThat(comments(app.get("/api/tasks/all"))).containsExactly("by the Python tool");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aMatchingIfNoneMatchGets304UntilTheListChanges(Kind kind) throws Exception {
    try (Server app = new Server(kind, Map.of())) {
      app.insertTask("alice", "test-host", "a.py", "day", "03:00");
      HttpResponse<String> first = app.get("/api/tasks");
      assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).startsWith("\"").endsWith("\"");

      HttpResponse<String> same = app.get("/api/tasks", "If-None-Match", etag);
      assertThat(same.statusCode()).isEqualTo(304);
      assertThat(same.body()).isEmpty();
      assertThat(same.headers().firstValue("ETag")).hasValue(etag);

      clock.advance(Duration.ofMinutes(5));
      assertThat(app.get("/api/tasks", "If-None-Match", etag).statusCode())
          .as("reloaded after the max age, the same bytes")
          .isEqualTo(304);
      assertThat(app.get("/api/tasks/all", "If-None-Match", etag).statusCode())
          .as("the same bytes under /all")
          .isEqualTo(304);

      int id = json(first).get(0).get("ID").asInt();
      assertThat(app.send("PUT", "/api/task/" + id, "{\"Comment\":\"edited\"}").statusCode())
          .isEqualTo(200);
      HttpResponse<String> changed = app.get("/api/tasks", "If-None-Match", etag);
      assertThat(comments(changed)).containsExactly("edited");
      assertThat(changed.headers().firstValue("ETag"))
          .hasValueSatisfying(tag -> assertThat(tag).isNotEqualTo(etag));

      app.sql("UPDATE Task_Scheduler SET Comment = 'by the Python tool'");
      String edited = changed.headers().firstValue("ETag").orElseThrow();
      clock.advance(TaskResource.LIST_MAX_AGE);
      HttpResponse<String> external = app.get("/api/tasks", "If-None-Match", edited);
      assertThat(comments(external)).containsExactly("by the Python tool");
      assertThat(external.headers().firstValue("ETag"))
          .hasValueSatisfying(tag -> assertThat(tag).isNotEqualTo(edited));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void withAPasswordAKeptListNeverReachesARequestWithoutASession(Kind kind) throws Exception {
    try (Server app = new Server(kind, Map.of("TASK_SCHEDULER_DASHBOARD_PASSWORD", PASSWORD))) {
      app.insertTask("alice", "test-host", "secret.py", "day", "03:00");
      HttpResponse<String> login =
          app.server.send(
              HttpRequest.newBuilder(app.server.uri("/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Origin", "http://localhost:" + app.server.port())
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)))
                  .build());
      String cookie =
          login.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("JSESSIONID="))
              .findFirst()
              .orElseThrow()
              .split(";")[0];
      HttpResponse<String> mine = app.get("/api/tasks", "Cookie", cookie);
      assertThat(mine.body()).contains("secret.py");
      String etag = mine.headers().firstValue("ETag").orElseThrow();

      for (String path : List.of("/api/tasks", "/api/tasks/all")) {
        for (HttpResponse<String> anonymous :
            List.of(app.get(path), app.get(path, "If-None-Match", etag))) {
          assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
          assertThat(anonymous.body()).doesNotContain("secret.py");
          assertThat(anonymous.headers().firstValue("ETag")).isEmpty();
          assertThat(JSON.readTree(anonymous.body()).get("error").asText()).isNotBlank();
        }
      }
      // A write still needs the CSRF header, session or not.
      HttpResponse<String> forged =
          app.server.send(
              HttpRequest.newBuilder(app.server.uri("/api/task"))
                  .header("Cookie", cookie)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"ScriptName\":\"x.py\"}"))
                  .build());
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(app.get("/api/tasks", "Cookie", cookie).body()).doesNotContain("x.py");
    }
  }
}
