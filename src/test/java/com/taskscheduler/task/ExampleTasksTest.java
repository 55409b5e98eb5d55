package com.taskscheduler.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.App;
import com.taskscheduler.config.AppConfig;
import com.taskscheduler.schedule.Schedules;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleTasksTest {
  @TempDir Path home;

  @Test
  void aNewEmbeddedDatabaseGetsTheExampleTasksOnceForThisIdentity() throws Exception {
    AppConfig config = TestConfigs.config(home, Map.of());
    assertThat(config.database().embedded()).isTrue();
    assertThat(config.database().jdbcUrl()).contains(home.toString());

    try (App app = App.start(config, Clock.systemUTC())) {
      assertThat(app.tasks().forIdentity("alice", "test-host"))
          .extracting(Task::getScriptName)
          .containsExactly("hello.py", "disk_report.sh", "weekday_summary.py", "cleanup.sh");
    }
    assertThat(Files.list(home.resolve(".task-scheduler"))).isNotEmpty();
    try (App again = App.start(config, Clock.systemUTC())) {
      assertThat(again.tasks().count()).isEqualTo(4);
    }
  }

  @Test
  void aDatabaseTheUserConfiguredIsNeverSeeded() throws Exception {
    String url = TestDatabases.freshUrl(Kind.H2);
    AppConfig config = TestConfigs.config(home, Map.of("DATABASE_CONNECTION_STRING", url));
    try (App app = App.start(config, Clock.systemUTC())) {
      assertThat(app.tasks().count()).isZero();
    }
  }

  @Test
  void everyExampleTaskPointsAtAShippedScriptWithAValidSchedule() throws Exception {
    AppConfig config = TestConfigs.config(home, Map.of());
    try (App app = App.start(config, Clock.systemUTC())) {
      for (Task task : app.tasks().all()) {
        Path script = Path.of(task.getScriptFolder(), task.getScriptName());
        assertThat(script).as("shipped in the repository").isRegularFile();
        assertThat(Files.readString(script)).containsAnyOf("print(", "echo ");
        assertThat(Schedules.parse(task.getEvery(), task.getAtTime(), ZoneId.of("UTC")))
            .isNotNull();
      }
    }
  }
}
