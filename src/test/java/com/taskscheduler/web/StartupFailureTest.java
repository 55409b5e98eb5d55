package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration stops start-up with a message that names the setting and no secret. */
class StartupFailureTest {
  private static final String SECRET = "Sup3r-S3cret-Pa55";
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(AppListener.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          messages.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  @TempDir Path home;

  @BeforeEach
  void captureLog() {
    logger.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    logger.removeHandler(capture);
  }

  private Map<String, String> base() {
    return Map.of(
        "TASK_SCHEDULER_SCRIPTS_ROOT", home.toString(),
        "TASK_SCHEDULER_OUTPUT_DIR", home.resolve("out").toString());
  }

  @Test
  void anInvalidSettingKeepsTheApplicationDownAndIsNamed() {
    var params = new java.util.HashMap<>(base());
    params.put("TASK_SCHEDULER_TIMEZONE", "Mars/Olympus");
    params.put("TASK_SCHEDULER_ENV", "staging");
    params.put("TASK_SCHEDULER_DASHBOARD_PASSWORD", SECRET);
    params.put("DATABASE_CONNECTION_STRING", "jdbc:h2:mem:x;MODE=MSSQLServer");
    try (TestServer server = TestServer.startWebapp(home.resolve("tomcat"), params)) {
      assertThat(server.isAvailable()).isFalse();
    }
    assertThat(String.join("\n", messages))
        .contains("TASK_SCHEDULER_TIMEZONE")
        .contains("Mars/Olympus")
        .contains("TASK_SCHEDULER_ENV")
        .doesNotContain(SECRET);
  }

  @Test
  void anUnreachableDatabaseIsNamedWithoutItsPassword() {
    var params = new java.util.HashMap<>(base());
    params.put(
        "DATABASE_CONNECTION_STRING",
        "mssql+pyodbc://scheduler:"
            + SECRET
            + "@127.0.0.1:1/{db}?driver=ODBC+Driver+17+for+SQL+Server");
    try (TestServer server = TestServer.startWebapp(home.resolve("tomcat"), params)) {
      assertThat(server.isAvailable()).isFalse();
    }
    assertThat(String.join("\n", messages))
        .contains("DATABASE_CONNECTION_STRING")
        .contains("127.0.0.1")
        .doesNotContain(SECRET);
  }
}
