package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built WAR deployed and undeployed ten times in one real Tomcat with the scheduler running: no
 * thread of ours, and no thread holding the webapp's class loader, survives an undeploy.
 */
class RedeployIT {
  @TempDir Path home;

  @Test
  void deployingAndUndeployingTenTimesWithTheSchedulerRunningLeavesNoThreadBehind()
      throws Exception {
    String war = System.getProperty("war.path");
    assertThat(war).as("war.path (set by failsafe)").isNotNull();
    assertThat(Path.of(war)).exists();
    Path scripts = Files.createDirectories(home.resolve("scripts"));
    Map<String, String> params =
        Map.of(
            "DATABASE_CONNECTION_STRING",
            "jdbc:h2:file:" + home.resolve("db/scheduler") + TestDatabases.H2_OPTIONS,
            "TASK_SCHEDULER_AUTOSTART",
            "true",
            "TASK_SCHEDULER_SCRIPTS_ROOT",
            scripts.toString(),
            "TASK_SCHEDULER_OUTPUT_DIR",
            home.resolve("output").toString(),
            "TASK_SCHEDULER_USER",
            "alice",
            "TASK_SCHEDULER_HOST",
            "test-host",
            "TASK_SCHEDULER_TIMEZONE",
            "Europe/Berlin");

    // Tomcat expands the WAR into its appBase; classes read from a packed WAR load far too slowly.
    Files.createDirectories(home.resolve("tomcat/webapps"));
    for (int i = 0; i < 10; i++) {
      ClassLoader webapp;
      try (TestServer server = TestServer.start(home.resolve("tomcat"), war, params)) {
        assertThat(server.isAvailable()).as("deploy %d", i).isTrue();
        webapp = server.context().getLoader().getClassLoader();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    threads(webapp).stream()
                        .anyMatch(t -> t.getName().equals("task-scheduler-engine")));
        assertThat(server.get("/api/health").statusCode()).isEqualTo(200);
      }
      int round = i;
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                assertThat(threads(webapp)).as("threads of webapp %d", round).isEmpty();
                assertThat(ours()).as("our threads after undeploy %d", round).isEmpty();
              });
    }
  }

  private static List<String> ours() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("task-scheduler") || n.startsWith("task-launcher"))
        .toList();
  }

  private static List<Thread> threads(ClassLoader webapp) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getContextClassLoader() == webapp)
        .toList();
  }
}
