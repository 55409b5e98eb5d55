package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.taskscheduler.App;
import com.taskscheduler.config.AppConfig;
import com.taskscheduler.run.Run;
import com.taskscheduler.task.Task;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application on the real clock, with processes prepared (the default): a task due every
 * second runs from prepared processes, each script starting at or after its fire time and never
 * before, and a stopped scheduler leaves no waiting process and no pending file behind.
 */
class PreparedFiresEndToEndTest {
  @TempDir Path home;

  @Test
  void everyRunOfASecondlyTaskStartsAtOrAfterItsFireTimeNeverBeforeAndStoppingLeavesNothingBehind()
      throws Exception {
    Instant testStart = Instant.now().minusSeconds(1);
    Path scripts = Files.createDirectories(home.resolve("scripts"));
    Path script = scripts.resolve("stamp.sh");
    Files.writeString(
        script,
        "printf '%s %s %s\\n' \"$TASK_SCHEDULER_RUN_ID\" \"$EPOCHREALTIME\" \"$$\" >> stamps.txt\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> settings = new HashMap<>();
    settings.put("DATABASE_CONNECTION_STRING", TestDatabases.freshUrl(TestDatabases.Kind.H2));
    settings.put("TASK_SCHEDULER_SCRIPTS_ROOT", scripts.toString());
    settings.put("TASK_SCHEDULER_OUTPUT_DIR", home.resolve("output").toString());
    AppConfig config = TestConfigs.config(home, settings);
    assertThat(config.prepareProcesses()).isTrue();

    try (App app = App.start(config, Clock.systemUTC())) {
      app.database().inTransaction(em -> em.createQuery("DELETE FROM Task t").executeUpdate());
      Task task = Fixture.task("stamp.sh", "seconds", "1");
      task.setRunBy(config.user());
      task.setRunHost(config.host());
      task.setScriptFolder("");
      int id = app.tasks().insert(task).getId();
      app.scheduler().start();

      await().atMost(Duration.ofSeconds(20)).until(() -> successes(app, id).size() >= 4);
      app.scheduler().stop();

      Map<String, String[]> stamps = new HashMap<>();
      for (String line : Files.readAllLines(scripts.resolve("stamps.txt"))) {
        String[] fields = line.split(" ");
        stamps.put(fields[0], fields);
      }
      for (Run run : successes(app, id)) {
        String[] stamp = stamps.get(Integer.toString(run.getId()));
        assertThat(stamp).as("stamp of run %d", run.getId()).isNotNull();
        Instant began = epoch(stamp[1]);
        assertThat(began).as("run %d started", run.getId()).isAfterOrEqualTo(run.getFireTime());
        assertThat(Duration.between(run.getFireTime(), began)).isLessThan(Duration.ofSeconds(3));
      }
      // Only this test's: other tests in this JVM may still be reaping theirs.
      assertThat(
              ProcessHandle.current()
                  .children()
                  .filter(ProcessHandle::isAlive)
                  .filter(p -> p.info().startInstant().map(t -> t.isAfter(testStart)).orElse(true)))
          .isEmpty();
      try (Stream<Path> files = Files.list(home.resolve("output"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .isNotEmpty()
            .noneMatch(name -> name.endsWith(".pending"));
      }
    }
  }

  private static List<Run> successes(App app, int taskId) {
    return app.database()
        .read(
            em ->
                em.createQuery(
                        "SELECT r FROM Run r WHERE r.taskId = :id AND r.status = 'Success'",
                        Run.class)
                    .setParameter("id", taskId)
                    .getResultList());
  }

  private static Instant epoch(String seconds) {
    BigDecimal nanos = new BigDecimal(seconds).movePointRight(9);
    return Instant.ofEpochSecond(0, nanos.longValueExact());
  }
}
