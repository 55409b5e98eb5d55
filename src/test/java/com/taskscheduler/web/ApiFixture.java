package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.db.Database;
import com.taskscheduler.scheduler.SchedulerControl;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** A real Tomcat with the application on a fresh database, plus a JSON client for its API. */
final class ApiFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final TestServer server;
  final RecordingScheduler scheduler = new RecordingScheduler();
  final Database database;
  final String url;

  ApiFixture(Path home, TestDatabases.Kind kind, Map<String, String> settings) throws SQLException {
    this(home, kind, TestDatabases.freshUrl(kind), settings);
  }

  /** Over a database of {@code kind} at {@code url}, which may already hold tables. */
  ApiFixture(Path home, TestDatabases.Kind kind, String url, Map<String, String> settings)
      throws SQLException {
    this.url = url;
    Map<String, String> params = new HashMap<>(TestConfigs.defaults(home));
    params.put("DATABASE_CONNECTION_STRING", url);
    if (kind == TestDatabases.Kind.POSTGRESQL) {
      params.put("DATABASE_USER", "postgres");
    }
    params.putAll(settings);
    server =
        TestServer.startWebapp(
            home.resolve("tomcat"), params, Map.of(SchedulerControl.class.getName(), scheduler));
    assertThat(server.isAvailable()).as("application started").isTrue();
    database = Database.open(TestDatabases.dataSource(url), null);
  }

  HttpResponse<String> get(String path) {
    return server.get(path);
  }

  HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .header("X-Requested-With", "XMLHttpRequest")
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return server.send(request.build());
  }

  static JsonNode json(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            type ->
                assertThat(type.replace(" ", ""))
                    .isEqualToIgnoringCase("application/json;charset=UTF-8"));
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      database.close();
    }
  }
}
