package com.taskscheduler.web.ui;

import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The real application (real scheduler and launcher) in Tomcat on a fresh H2 database. */
final class UiApp implements AutoCloseable {
  static final String ZONE = "Europe/Berlin";
  final Path home;
  final Path scripts;
  final TestServer server;
  final DataSource data;

  UiApp(Path home, Map<String, String> settings) {
    this.home = home;
    this.scripts = home.resolve("scripts");
    try {
      Files.createDirectories(scripts);
      script("echo.sh", "echo \"hello from echo\"\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = TestDatabases.freshUrl(TestDatabases.Kind.H2);
    Map<String, String> params = new HashMap<>();
    params.put("DATABASE_CONNECTION_STRING", url);
    params.put("TASK_SCHEDULER_USER", "Alice");
    params.put("TASK_SCHEDULER_HOST", "test-host");
    params.put("TASK_SCHEDULER_TIMEZONE", ZONE);
    params.put("TASK_SCHEDULER_SCRIPTS_ROOT", scripts.toString());
    params.put("TASK_SCHEDULER_OUTPUT_DIR", home.resolve("output").toString());
    params.putAll(settings);
    server = TestServer.startWebapp(home.resolve("tomcat"), params);
    if (!server.isAvailable()) {
      throw new IllegalStateException("the application did not start");
    }
    data = TestDatabases.dataSource(url);
  }

  void script(String name, String body) throws IOException {
    Path file = scripts.resolve(name);
    Files.writeString(file, body);
    file.toFile().setExecutable(true);
  }

  String url(String path) {
    return server.uri(path).toString();
  }

  Connection jdbc() throws SQLException {
    return data.getConnection();
  }

  @Override
  public void close() {
    server.close();
  }
}
