package com.taskscheduler.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard with a password: login, sessions, logout, throttling and deny-by-default. */
class LoginTest {
  static final String PASSWORD = "correct horse battery staple";
  @TempDir static Path home;
  static TestServer server;
  static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    Map<String, String> params = new HashMap<>(TestConfigs.defaults(home));
    params.put("DATABASE_CONNECTION_STRING", TestDatabases.freshUrl(TestDatabases.Kind.H2));
    params.put("TASK_SCHEDULER_DASHBOARD_PASSWORD", PASSWORD);
    server = TestServer.startWebapp(home.resolve("tomcat"), params);
    assertThat(server.isAvailable()).isTrue();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> raw(String method, String path, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return send(b.build());
  }

  /** Posts the login form from a given client address (X-Forwarded-For is NOT trusted, so same). */
  static HttpResponse<String> login(String password, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", "http://localhost:" + server.port())
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "password="
                        + java.net.URLEncoder.encode(
                            password, java.nio.charset.StandardCharsets.UTF_8)));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return send(b.build());
  }

  static Optional<String> sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .findFirst();
  }

  @Test
  void everyRouteButTheLoginPageAndAssetsRefusesAnAnonymousRequest() throws Exception {
    List<String> apiPaths =
        List.of(
            "/api/tasks",
            "/api;x=1/tasks",
            "//api/tasks",
            "/API/tasks",
            "/api/%2e/tasks",
            "/api/health",
            "/api/openapi.json",
            "/api/events",
            "/api/nope");
    for (String path : apiPaths) {
      for (String method : List.of("GET", "HEAD", "OPTIONS", "POST", "DELETE")) {
        var response = raw(method, path, null);
        // 403: the CSRF check refuses an unsafe method before the login check does.
        if (method.equals("POST") || method.equals("DELETE")) {
          assertThat(response.statusCode()).as(method + " " + path).isIn(401, 403);
        } else {
          assertThat(response.statusCode()).as(method + " " + path).isEqualTo(401);
        }
        assertThat(response.body()).doesNotContain("\"ID\"");
        if (method.equals("GET") && response.statusCode() == 401) {
          assertThat(new ObjectMapper().readTree(response.body()).get("error").asText())
              .isEqualTo("login required");
        }
      }
    }
    assertThat(raw("GET", "/api/tasks", null).statusCode()).isEqualTo(401);
    for (String page :
        List.of("/", "/index.html", "/logout.html", "/js/../index.html", "/WEB-INF/web.xml")) {
      var response = raw("GET", page, null);
      // The container itself hides WEB-INF (404) before any filter runs.
      assertThat(response.statusCode()).as(page).isEqualTo(page.startsWith("/WEB-INF") ? 404 : 303);
      assertThat(response.body()).doesNotContain("Task Scheduler Dashboard</title>");
    }
    var redirect = raw("GET", "/", null);
    assertThat(redirect.statusCode()).isEqualTo(303);
    assertThat(redirect.headers().firstValue("Location")).hasValue("/login");
    var loginPage = raw("GET", "/login", null);
    assertThat(loginPage.statusCode()).isEqualTo(200);
    assertThat(loginPage.body()).contains("name=\"password\"").doesNotContain("<script>");
    assertThat(loginPage.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(raw("GET", "/js/login.js", null).statusCode()).isEqualTo(200);
    assertThat(raw("GET", "/css/login.css", null).statusCode()).isEqualTo(200);
  }

  @Test
  void loginChangesTheSessionIdAndLogoutKillsIt() throws Exception {
    var page = raw("GET", "/api/tasks", null);
    assertThat(page.statusCode()).isEqualTo(401);
    // A session that exists before the login (e.g. planted by an attacker) must not survive it.
    String before = "JSESSIONID=planted-" + System.nanoTime();
    var ok = login(PASSWORD, before);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).hasValue("/");
    String setCookie = sessionCookie(ok).orElseThrow();
    assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    assertThat(cookie).isNotEqualTo(before);
    assertThat(raw("GET", "/api/tasks", cookie).statusCode()).isEqualTo(200);
    assertThat(raw("GET", "/", cookie).statusCode()).isEqualTo(200);
    var audit = new ObjectMapper().readTree(raw("GET", "/api/audit", cookie).body());
    assertThat(audit.get(0).get("Operation").asText()).isEqualTo("login");
    assertThat(audit.get(0).get("Actor").asText()).startsWith("session ");
    assertThat(audit.toString()).doesNotContain(cookie.substring("JSESSIONID=".length()));

    var again = login(PASSWORD, cookie);
    String second = sessionCookie(again).orElseThrow();
    String cookie2 = second.substring(0, second.indexOf(';'));
    assertThat(cookie2).isNotEqualTo(cookie);
    assertThat(raw("GET", "/api/tasks", cookie).statusCode())
        .as("old id after re-login")
        .isEqualTo(401);

    var out = raw("GET", "/logout", cookie2);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/login");
    assertThat(raw("GET", "/api/tasks", cookie2).statusCode()).isEqualTo(401);
  }

  @Test
  void theEleventhBadPasswordWithinFiveMinutesGets429() throws Exception {
    // The throttle is per client address: a server of its own, so the other tests can log in.
    TestServer shared = server;
    Map<String, String> params = new HashMap<>(TestConfigs.defaults(home));
    params.put("DATABASE_CONNECTION_STRING", TestDatabases.freshUrl(TestDatabases.Kind.H2));
    params.put("TASK_SCHEDULER_DASHBOARD_PASSWORD", PASSWORD);
    server = TestServer.startWebapp(home.resolve("tomcat-throttle"), params);
    try {
      throttle();
    } finally {
      server.close();
      server = shared;
    }
  }

  private void throttle() throws Exception {
    for (int i = 1; i <= 10; i++) {
      var failed = login("wrong " + i, null);
      assertThat(failed.statusCode()).as("attempt " + i).isEqualTo(303);
      assertThat(failed.headers().firstValue("Location")).hasValue("/login?failed=1");
      assertThat(sessionCookie(failed)).isEmpty();
    }
    var throttled = login("wrong 11", null);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 300L);
    assertThat(login(PASSWORD, null).statusCode())
        .as("even the right password waits")
        .isEqualTo(429);
  }

  @Test
  void aLoginFormPostFromAnotherOriginIsRefused() throws Exception {
    var response =
        send(
            HttpRequest.newBuilder(server.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("password=x"))
                .build());
    assertThat(response.statusCode()).isEqualTo(403);
  }
}
