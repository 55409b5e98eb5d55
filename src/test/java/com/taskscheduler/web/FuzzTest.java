package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand malformed requests against one server: never a 500, every error a JSON body without
 * internals, and the stored data unchanged. Seeded, so a failure reproduces.
 */
class FuzzTest {
  static final long SEED = 20260301L;
  static final int REQUESTS = 10_000;
  static final String[] NASTY = {
    "'",
    "\"",
    "' OR '1'='1",
    "1; DROP TABLE Task_Scheduler; --",
    "%",
    "_",
    "[",
    "!",
    "\\",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "${jndi:ldap://x/a}",
    "../../etc/passwd",
    "\u0000",
    "\u202e",
    "\ud800",
    "😀",
    "-1",
    "0",
    "2147483648",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "null",
    "true",
    "{}",
    "[]",
    " ",
    "",
    "a".repeat(300),
    "日本語",
    "%00",
    "%C3%28",
    "%FF"
  };
  static final String[] TASK_FIELDS = {
    "ScriptName",
    "ScriptFolder",
    "Every",
    "AtTime",
    "Enable",
    "RunBy",
    "RunHost",
    "Ressource",
    "ToRunAsap",
    "Comment",
    "TimeoutSeconds",
    "CatchUpGraceMinutes",
    "ID",
    "InsertedAt"
  };
  static final String[] GET_PATHS = {
    "/api/tasks", "/api/tasks/all", "/api/task/{id}", "/api/task/{id}/next", "/api/logs",
    "/api/logs.csv", "/api/runs/{id}", "/api/runs/{id}/output", "/api/scheduled", "/api/heartbeat",
    "/api/scheduler/logs", "/api/audit"
  };
  static final String[] QUERY_NAMES = {
    "limit", "user", "host", "count", "draw", "start", "length", "search[value]",
        "order[0][column]",
    "order[0][dir]", "columns[0][data]", "orderBy", "dir", "status", "from", "to", "taskId",
        "offset"
  };

  @TempDir Path home;
  final Random random = new Random(SEED);

  @Test
  void tenThousandMalformedRequestsNeverFailTheServerOrChangeData() throws Exception {
    try (ApiFixture api = new ApiFixture(home, Kind.H2, Map.of())) {
      var created =
          api.send(
              "POST",
              "/api/task",
              "{\"ScriptName\":\"keep.py\",\"Every\":\"day\",\"AtTime\":\"06:00\",\"Comment\":\"original\"}");
      int id = ApiFixture.json(created).get("ID").asInt();
      String tasksBefore = api.get("/api/tasks/all").body();
      String logsBefore = api.get("/api/logs").body();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      List<Supplier<HttpRequest>> kinds = new ArrayList<>();
      kinds.add(() -> getWithParams(api, id));
      kinds.add(() -> write(api, "PUT", "/api/task/" + id, malformedBody()));
      kinds.add(() -> write(api, "POST", "/api/task", malformedBody()));
      kinds.add(() -> write(api, "PUT", "/api/task/" + pathValue(), validLookingBody()));
      kinds.add(() -> write(api, "DELETE", "/api/task/" + pathValue(), null));
      kinds.add(() -> write(api, "POST", "/api/task/" + pathValue() + "/run", null));
      kinds.add(() -> write(api, "POST", "/api/runs/" + pathValue() + "/kill", null));
      kinds.add(() -> write(api, "PUT", "/api/task/" + id, invalidUtf8()));

      for (int i = 0; i < REQUESTS; i++) {
        HttpRequest request = kinds.get(random.nextInt(kinds.size())).get();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String what =
            "request " + i + " (seed " + SEED + "): " + request.method() + " " + request.uri();
        assertThat(response.statusCode()).as(what).isLessThan(500);
        if (response.statusCode() >= 400) {
          JsonNode body;
          try {
            body = ApiFixture.json(response);
          } catch (AssertionError e) {
            throw new AssertionError(
                what + " -> " + response.statusCode() + " " + response.body(), e);
          }
          assertThat(body.path("error").isTextual()).as(what + " -> " + response.body()).isTrue();
          assertThat(response.body())
              .as(what)
              .doesNotContain("Exception")
              .doesNotContain("at com.")
              .doesNotContain("java.")
              .doesNotContain("org.")
              .doesNotContain("jakarta.")
              .doesNotContain("SQL");
        }
      }
      assertThat(api.get("/api/tasks/all").body()).isEqualTo(tasksBefore);
      assertThat(api.get("/api/logs").body()).isEqualTo(logsBefore);
      assertThat(api.scheduler.calls)
          .allSatisfy(call -> assertThat(call).doesNotStartWith("runNow " + id));
    }
  }

  private HttpRequest getWithParams(ApiFixture api, int id) {
    String path =
        GET_PATHS[random.nextInt(GET_PATHS.length)].replace(
            "{id}", random.nextBoolean() ? String.valueOf(id) : pathValue());
    StringBuilder query = new StringBuilder();
    int n = 1 + random.nextInt(4);
    for (int p = 0; p < n; p++) {
      query
          .append(p == 0 ? "?" : "&")
          .append(
              URLEncoder.encode(
                  QUERY_NAMES[random.nextInt(QUERY_NAMES.length)], StandardCharsets.UTF_8))
          .append('=')
          .append(queryValue());
    }
    return HttpRequest.newBuilder(api.server.uri(path + query)).GET().build();
  }

  private String queryValue() {
    String nasty = NASTY[random.nextInt(NASTY.length)];
    // Raw percent sequences stay as they are (invalid UTF-8 on purpose), others are encoded.
    return nasty.startsWith("%") && nasty.length() == 3
        ? nasty
        : URLEncoder.encode(nasty, StandardCharsets.UTF_8);
  }

  /**
   * A path segment: unknown ids, junk and injection strings. Encoded '/', '\\' and NUL are left
   * out: Tomcat's connector refuses them with its own page before the application sees the request.
   */
  private String pathValue() {
    String value =
        random.nextInt(4) == 0
            ? String.valueOf(900_000 + random.nextInt(1000))
            : NASTY[random.nextInt(NASTY.length)]
                .replace("/", "")
                .replace("\\", "")
                .replace("\u0000", "");
    if (value.isEmpty() || value.equals(".") || value.equals("..")) {
      return "x";
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2F", "")
        .replace("%5C", "")
        .replace("%00", "")
        .replace("%2E%2E", "x");
  }

  private String malformedBody() {
    switch (random.nextInt(8)) {
      case 0:
        return "{\"ScriptName\": \"x.py\", \"Every\": ";
      case 1:
        {
          // A wrong type for one field.
          String field = TASK_FIELDS[random.nextInt(12)];
          Object[] values = {
            123, "[1,2]", "{\"a\":1}", "1.5", "\"" + "b".repeat(5000) + "\"", "-7", "true"
          };
          String value = String.valueOf(values[random.nextInt(values.length)]);
          return "{\"" + field + "\": " + value + ", \"Every\": \"fortnightly\"}";
        }
      case 2:
        return "{\"TimeoutSeconds\": 9" + "9".repeat(random.nextInt(3000)) + "}";
      case 3:
        return "[".repeat(2000 + random.nextInt(100));
      case 4:
        {
          StringBuilder b = new StringBuilder("{");
          for (String field : TASK_FIELDS) {
            b.append('"')
                .append(field)
                .append("\":")
                .append(ApiFixture.JSON.valueToTree(NASTY[random.nextInt(NASTY.length)]).toString())
                .append(',');
          }
          // An invalid schedule keeps the whole request from being applied.
          return b.append("\"Every\":\"<script>\"}").toString();
        }
      case 5:
        return random.nextBoolean() ? "" : "null";
      case 6:
        return random.nextInt(50) == 0
            ? "{\"Comment\":\"" + "c".repeat(3_000_000) + "\", \"Enable\": 2}"
            : "\"just a string\"";
      default:
        // Unquoted junk as a value; with a bad AtTime when the junk happens to be valid JSON.
        return "{\"Enable\": " + NASTY[random.nextInt(NASTY.length)] + ", \"AtTime\": \"25:99\"}";
    }
  }

  /** Looks valid, but its target does not exist. */
  private String validLookingBody() {
    String nasty = NASTY[random.nextInt(NASTY.length)];
    return "{\"Comment\":" + ApiFixture.JSON.valueToTree(nasty) + ",\"Enable\":0}";
  }

  private byte[] invalidUtf8() {
    byte[] prefix = "{\"Comment\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {
      (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80
    };
    byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefix.length + bad.length + suffix.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(bad, 0, all, prefix.length, bad.length);
    System.arraycopy(suffix, 0, all, prefix.length + bad.length, suffix.length);
    return all;
  }

  private HttpRequest write(ApiFixture api, String method, String path, Object body) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : body instanceof byte[] bytes
                ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofString((String) body);
    return HttpRequest.newBuilder(api.server.uri(path))
        .header("X-Requested-With", "XMLHttpRequest")
        .header("Content-Type", random.nextInt(10) == 0 ? "text/plain" : "application/json")
        .method(method, publisher)
        .build();
  }
}
