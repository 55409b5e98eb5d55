package com.taskscheduler.web;

import static com.taskscheduler.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.testing.TestDatabases.Kind;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every state-changing endpoint, found by reflection, refuses forged requests and GET. */
class CsrfContractTest {
  @TempDir static Path home;
  static ApiFixture api;

  @BeforeAll
  static void start() throws Exception {
    api = new ApiFixture(home, Kind.H2, Map.of());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void everyNonGetEndpointRefusesForgedRequestsAndGet() {
    var writes = ApiEndpointsTest.endpoints().stream().filter(e -> !e.startsWith("GET ")).toList();
    assertThat(writes).hasSizeGreaterThanOrEqualTo(7);
    int id =
        json(api.send(
                "POST",
                "/api/task",
                "{\"ScriptName\":\"c.py\",\"Every\":\"day\",\"AtTime\":\"01:00\"}"))
            .get("ID")
            .asInt();
    List<UnaryOperator<HttpRequest.Builder>> forgeries =
        List.of(
            b -> b,
            b ->
                b.header("X-Requested-With", "XMLHttpRequest")
                    .header("Origin", "https://evil.example"),
            b -> b.header("X-Requested-With", "XMLHttpRequest").header("Origin", "null"),
            b ->
                b.header("X-Requested-With", "XMLHttpRequest")
                    .header("Sec-Fetch-Site", "cross-site"));
    for (String endpoint : writes) {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String path =
          "/api"
              + endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", String.valueOf(id));
      for (var forge : forgeries) {
        var request =
            forge.apply(
                HttpRequest.newBuilder(api.server.uri(path))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"Enable\":false}")));
        var response = api.server.send(request.build());
        assertThat(response.statusCode())
            .as(endpoint + " " + request.build().headers())
            .isEqualTo(403);
        assertThat(json(response).get("error").asText()).isNotBlank();
      }
      if (!ApiEndpointsTest.endpoints()
          .contains("GET " + endpoint.substring(endpoint.indexOf(' ') + 1))) {
        var get = api.get(path);
        assertThat(get.statusCode()).as("GET " + path).isEqualTo(405);
        json(get);
      }
    }
    assertThat(json(api.get("/api/task/" + id)).get("Enable").asBoolean()).isTrue();
    assertThat(api.scheduler.calls).isEmpty();
  }

  @Test
  void aSameOriginRequestWithTheHeaderPasses() {
    var response =
        api.server.send(
            HttpRequest.newBuilder(api.server.uri("/api/scheduler/start"))
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Origin", "http://localhost:" + api.server.port())
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(response.statusCode()).isEqualTo(200);
    api.send("POST", "/api/scheduler/stop", null);
    api.scheduler.calls.clear();
  }

  @Test
  void behindAProxyThatRewritesTheHostTheForwardedHostIsTheDashboardsOrigin() {
    UnaryOperator<String> start =
        origin ->
            String.valueOf(
                api.server
                    .send(
                        HttpRequest.newBuilder(api.server.uri("/api/scheduler/start"))
                            .header("X-Requested-With", "XMLHttpRequest")
                            .header("Origin", origin)
                            .header("X-Forwarded-Host", "dash.example.com, proxy.internal")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build())
                    .statusCode());

    assertThat(start.apply("https://evil.example")).isEqualTo("403");
    assertThat(start.apply("https://proxy.internal")).isEqualTo("403");
    assertThat(api.scheduler.calls).isEmpty();
    assertThat(start.apply("https://dash.example.com")).isEqualTo("200");
    api.send("POST", "/api/scheduler/stop", null);
    api.scheduler.calls.clear();
  }
}
