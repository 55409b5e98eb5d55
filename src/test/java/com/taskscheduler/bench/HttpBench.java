package com.taskscheduler.bench;

import com.taskscheduler.scheduler.SchedulerBench;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestServer;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Over HTTP in a real Tomcat: {@code GET /api/tasks} with 1,000 tasks against a static file of the
 * same server (wrk, same settings, alternating), and Run now (API call -> script's first instant).
 */
public final class HttpBench {
  private final Path home;

  public HttpBench(Path home) {
    this.home = home;
  }

  private TestServer server(String url, boolean autostart) {
    return TestServer.start(
        home.resolve("tomcat-" + System.nanoTime()),
        webapp().toString(),
        Map.of(
            "DATABASE_CONNECTION_STRING",
            url,
            "TASK_SCHEDULER_USER",
            "alice",
            "TASK_SCHEDULER_HOST",
            "test-host",
            "TASK_SCHEDULER_TIMEZONE",
            "Europe/Berlin",
            "TASK_SCHEDULER_AUTOSTART",
            Boolean.toString(autostart),
            "TASK_SCHEDULER_SCRIPTS_ROOT",
            home.toString(),
            "TASK_SCHEDULER_OUTPUT_DIR",
            home.resolve("output").toString()));
  }

  /** A copy of src/main/webapp, so a static file can be added without touching the sources. */
  private Path webapp() {
    Path copy = home.resolve("webapp");
    try {
      if (!Files.exists(copy)) {
        Path from = Path.of("src/main/webapp");
        try (var paths = Files.walk(from)) {
          for (Path source : (Iterable<Path>) paths::iterator) {
            Path target = copy.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
              Files.createDirectories(target);
            } else {
              Files.copy(source, target);
            }
          }
        }
      }
      return copy;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public void tasksVsStatic(int tasks, int rounds, int seconds) throws Exception {
    String url = TestDatabases.freshUrl(TestDatabases.Kind.H2);
    try (TestServer server = server(url, false)) {
      SchedulerBench.insertTasks(TestDatabases.dataSource(url), tasks, "day", "03:00", null);
      int count = server.get("/api/tasks").body().split("\"ID\"", -1).length - 1;
      Report.line(
          "GET /api/tasks returns "
              + count
              + " tasks, "
              + server.get("/api/tasks").body().length()
              + " bytes");
      // The same bytes as a static file of the same server: the fair baseline for a 380 KB body.
      Files.writeString(home.resolve("webapp/bench-tasks.json"), server.get("/api/tasks").body());
      String staticPath = "/bench-tasks.json";
      String smallPath = "/css/index.css";
      Report.line(
          "static "
              + staticPath
              + ": "
              + server.get(staticPath).body().length()
              + " bytes; "
              + smallPath
              + ": "
              + server.get(smallPath).body().length()
              + " bytes");
      List<Double> api = new ArrayList<>();
      List<Double> stat = new ArrayList<>();
      List<Double> small = new ArrayList<>();
      wrk(server.uri("/api/tasks").toString(), 3); // warm-up
      wrk(server.uri(staticPath).toString(), 3);
      for (int i = 0; i < rounds; i++) {
        api.add(wrk(server.uri("/api/tasks").toString(), seconds));
        stat.add(wrk(server.uri(staticPath).toString(), seconds));
        small.add(wrk(server.uri(smallPath).toString(), seconds));
        Report.line(
            String.format(
                Locale.ROOT,
                "wrk round %d: /api/tasks %.0f req/s, %s %.0f req/s, %s %.0f req/s",
                i + 1,
                api.get(i),
                staticPath,
                stat.get(i),
                smallPath,
                small.get(i)));
      }
      double a = Stats.of(api).median();
      double s = Stats.of(stat).median();
      double tiny = Stats.of(small).median();
      Report.result(
          "GET /api/tasks (" + tasks + " tasks) req/s / tiny static file (232 B) req/s",
          ">= 0.3 (brief's literal reading)",
          String.format(Locale.ROOT, "%.3f (%.0f vs %.0f req/s)", a / tiny, a, tiny),
          a / tiny >= 0.3);
      Report.result(
          "GET /api/tasks ("
              + tasks
              + " tasks) req/s / same bytes as a static file req/s (medians, wrk -t2 -c8)",
          ">= 0.3",
          String.format(Locale.ROOT, "%.2f (%.0f vs %.0f req/s)", a / s, a, s),
          a / s >= 0.3);
    }
  }

  private static double wrk(String url, int seconds) throws Exception {
    Process p =
        new ProcessBuilder("wrk", "-t2", "-c8", "-d" + seconds + "s", url)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
    if (!m.find() || out.contains("Non-2xx")) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    return Double.parseDouble(m.group(1));
  }

  public void runNow(int repetitions) throws Exception {
    String url = TestDatabases.freshUrl(TestDatabases.Kind.H2);
    Path jobs = Files.createDirectories(home.resolve("jobs"));
    Path stamp = jobs.resolve("now.sh");
    Files.writeString(
        stamp,
        "#!/bin/bash\nprintf '%s %s\\n' \"$TASK_SCHEDULER_RUN_ID\" \"$EPOCHREALTIME\" >> now-stamps.txt\n");
    Files.setPosixFilePermissions(stamp, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (TestServer server = server(url, true)) {
      SchedulerBench.insertTasks(TestDatabases.dataSource(url), 1, "day", "03:00", "now.sh");
      String tasks = server.get("/api/tasks").body();
      Matcher m = Pattern.compile("\"ID\"\\s*:\\s*(\\d+)[^}]*now\\.sh").matcher(tasks);
      if (!m.find()) {
        throw new IllegalStateException("task not listed: " + tasks);
      }
      int id = Integer.parseInt(m.group(1));
      Thread.sleep(2000); // the session's standby check answers first
      List<Double> returnToStart = new ArrayList<>();
      List<Double> callToStart = new ArrayList<>();
      List<Double> call = new ArrayList<>();
      Path stamps = jobs.resolve("now-stamps.txt");
      for (int i = 0; i < repetitions + 3; i++) {
        int before = Files.exists(stamps) ? Files.readAllLines(stamps).size() : 0;
        double sent = nowMillis();
        HttpResponse<String> r =
            server.send(
                HttpRequest.newBuilder(server.uri("/api/task/" + id + "/run"))
                    .header("X-Requested-With", "XMLHttpRequest")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10))
                    .build());
        double returned = nowMillis();
        if (r.statusCode() / 100 != 2) {
          throw new IllegalStateException("run now: " + r.statusCode() + " " + r.body());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((Files.exists(stamps) ? Files.readAllLines(stamps).size() : 0) <= before) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("run now did not start: " + r.body());
          }
          Thread.sleep(2);
        }
        List<String> lines = Files.readAllLines(stamps);
        double started =
            new BigDecimal(lines.get(lines.size() - 1).split(" ")[1]).doubleValue() * 1000;
        if (i >= 3) {
          callToStart.add(started - sent);
          returnToStart.add(started - returned);
          call.add(returned - sent);
        }
        Thread.sleep(300); // the run ends and is recorded before the next call
      }
      Stats s = Stats.of(callToStart);
      Report.line("run now, call sent -> script started: " + s.line("ms"));
      Report.line(
          "run now, call returned -> script started: " + Stats.of(returnToStart).line("ms"));
      Report.line("run now, API call duration: " + Stats.of(call).line("ms"));
      Report.result(
          "run now (API call -> process started) p95",
          "<= 200 ms",
          String.format(Locale.ROOT, "%.1f ms", s.p95()),
          s.p95() <= 200);
    }
  }

  private static double nowMillis() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
  }
}
