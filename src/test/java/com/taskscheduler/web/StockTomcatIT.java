package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAR from {@code mvn package}, copied into a stock Tomcat 10.1 (the distribution from Maven
 * Central, unpacked by the build) and configured by environment variables only, starts and serves
 * the API without any extra jar.
 */
class StockTomcatIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  @TempDir Path base;
  private Process tomcat;

  @Test
  void theWarCopiedIntoStockTomcatServesHealthAndTasks() throws Exception {
    Path home = Path.of(System.getProperty("tomcat.home"));
    Path war = Path.of(System.getProperty("war.path"));
    assertThat(home.resolve("bin/catalina.sh")).isRegularFile();
    int port = freePort();

    copyTree(home.resolve("conf"), base.resolve("conf"));
    Path serverXml = base.resolve("conf/server.xml");
    Files.writeString(
        serverXml,
        Files.readString(serverXml)
            .replace("port=\"8080\"", "port=\"" + port + "\"")
            .replace("port=\"8005\"", "port=\"-1\""));
    for (String dir : new String[] {"webapps", "logs", "temp", "work"}) {
      Files.createDirectories(base.resolve(dir));
    }
    Files.copy(war, base.resolve("webapps/ROOT.war"));

    ProcessBuilder builder =
        new ProcessBuilder("bash", home.resolve("bin/catalina.sh").toString(), "run")
            .redirectErrorStream(true)
            .redirectOutput(base.resolve("logs/console.out").toFile());
    Map<String, String> env = builder.environment();
    env.put("CATALINA_HOME", home.toString());
    env.put("CATALINA_BASE", base.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("CATALINA_OPTS", "-Xmx256m");
    env.put(
        "DATABASE_CONNECTION_STRING",
        "jdbc:h2:file:"
            + base.resolve("db/tasks")
            + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE");
    env.put("TASK_SCHEDULER_USER", "carol");
    env.put("TASK_SCHEDULER_HOST", "stock-tomcat");
    env.put("TASK_SCHEDULER_SCRIPTS_ROOT", base.toString());
    env.put("TASK_SCHEDULER_OUTPUT_DIR", base.resolve("output").toString());
    tomcat = builder.start();

    URI health = URI.create("http://localhost:" + port + "/api/health");
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> get(health).statusCode() == 200);
    JsonNode status = JSON.readTree(get(health).body());
    assertThat(status.get("database").asText()).isEqualTo("UP");
    assertThat(status.get("dialect").asText()).isEqualTo("H2");

    HttpResponse<String> tasks = get(URI.create("http://localhost:" + port + "/api/tasks"));
    assertThat(tasks.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(tasks.body()).isArray()).isTrue();
    assertThat(Files.readString(base.resolve("logs/console.out")))
        .doesNotContain("SEVERE")
        .contains("Task Scheduler Dashboard");
  }

  @AfterEach
  void stopTomcat() throws InterruptedException {
    if (tomcat != null) {
      tomcat.destroy();
      if (!tomcat.waitFor(30, TimeUnit.SECONDS)) {
        tomcat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
