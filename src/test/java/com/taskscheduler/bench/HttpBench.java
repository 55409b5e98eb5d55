package com.taskscheduler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.App;
import com.taskscheduler.scheduler.SchedulerBench;
import com.taskscheduler.task.TaskRow;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
    return server(url, autostart, Map.of());
  }

  private TestServer server(String url, boolean autostart, Map<String, Object> attributes) {
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
            home.resolve("output").toString()),
        attributes);
  }

  /**
   * A clock two seconds further on at every reading: a server given it finds its task-list copy
   * older than the 1 s max age on every request, so each request takes the full miss path (read,
   * serialize) through the same code. Only for the task-list measurement, where nothing else of the
   * application runs on that clock (no scheduler).
   */
  private static final class EveryReadingLater extends Clock {
    private final AtomicLong readings = new AtomicLong();

    @Override
    public Instant instant() {
      return Instant.now().plusSeconds(2 * readings.incrementAndGet());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void tasksVsStatic(int tasks, int rounds, int seconds) throws Exception {
    String url = TestDatabases.freshUrl(TestDatabases.Kind.H2);
    try (TestServer server = server(url, false);
        TestServer missing =
            server(url, false, Map.of(Clock.class.getName(), new EveryReadingLater()))) {
      SchedulerBench.insertTasks(TestDatabases.dataSource(url), tasks, "day", "03:00", null);
      String body = server.get("/api/tasks").body();
      int count = body.split("\"ID\"", -1).length - 1;
      Report.line("GET /api/tasks returns " + count + " tasks, " + body.length() + " bytes");
      if (!missing.get("/api/tasks").body().equals(body)) {
        throw new IllegalStateException("the server without a kept list answers differently");
      }
      // The same bytes as a static file of the same server: the fair baseline for a 380 KB body.
      Files.writeString(home.resolve("webapp/bench-tasks.json"), body);
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
      List<Double> miss = new ArrayList<>();
      List<Double> stat = new ArrayList<>();
      List<Double> small = new ArrayList<>();
      wrk(server.uri("/api/tasks").toString(), 3); // warm-up
      wrk(missing.uri("/api/tasks").toString(), 3);
      wrk(server.uri(staticPath).toString(), 3);
      for (int i = 0; i < rounds; i++) {
        api.add(wrk(server.uri("/api/tasks").toString(), seconds));
        miss.add(wrk(missing.uri("/api/tasks").toString(), seconds));
        stat.add(wrk(server.uri(staticPath).toString(), seconds));
        small.add(wrk(server.uri(smallPath).toString(), seconds));
        Report.line(
            String.format(
                Locale.ROOT,
                "wrk round %d: /api/tasks %.0f req/s, /api/tasks every request a miss %.0f req/s,"
                    + " %s %.0f req/s, %s %.0f req/s",
                i + 1,
                api.get(i),
                miss.get(i),
                staticPath,
                stat.get(i),
                smallPath,
                small.get(i)));
      }
      String etag = server.get("/api/tasks").headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> notModified =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/tasks"))
                  .header("If-None-Match", etag)
                  .build());
      if (notModified.statusCode() != 304) {
        throw new IllegalStateException("If-None-Match: " + notModified.statusCode());
      }
      double revalidated = wrk(server.uri("/api/tasks").toString(), seconds, etag);
      Report.line(
          String.format(
              Locale.ROOT,
              "wrk: /api/tasks with a matching If-None-Match (all 304) %.0f req/s",
              revalidated));
      double a = Stats.of(api).median();
      double m = Stats.of(miss).median();
      double s = Stats.of(stat).median();
      double tiny = Stats.of(small).median();
      Report.result(
          "GET /api/tasks ("
              + tasks
              + " tasks) req/s / small static file ("
              + server.get(smallPath).body().length()
              + " B) req/s",
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
      Report.result(
          "GET /api/tasks ("
              + tasks
              + " tasks), every request a miss (list read and serialized) / same bytes as a"
              + " static file",
          ">= 0.3",
          String.format(Locale.ROOT, "%.2f (%.0f vs %.0f req/s)", m / s, m, s),
          m / s >= 0.3);
      missCost(url, tasks);
    }
  }

  /**
   * In-process cost of the parts of a miss, over a pooled database like the application's: the
   * former read (managed entities) against the list read (constructor projection), and the JSON.
   */
  private void missCost(String url, int tasks) throws Exception {
    var config =
        com.taskscheduler.testing.TestConfigs.config(
            home, Map.of("DATABASE_CONNECTION_STRING", url));
    try (App app = App.start(config, Clock.systemUTC())) {
      var repository = app.tasks();
      ObjectMapper mapper =
          new ObjectMapper()
              .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
      List<TaskRow> rows = repository.rowsForIdentity("alice", "test-host");
      if (rows.size() != tasks) {
        throw new IllegalStateException("rows: " + rows.size());
      }
      Report.line(
          "in-process, "
              + tasks
              + " tasks: entities "
              + time(() -> repository.forIdentity("alice", "test-host")).line("ms"));
      Report.line(
          "in-process, "
              + tasks
              + " tasks: rows (projection) "
              + time(() -> repository.rowsForIdentity("alice", "test-host")).line("ms"));
      Report.line(
          "in-process, "
              + tasks
              + " tasks: rows to JSON bytes (Jackson; the DTOs cost about the same) "
              + time(() -> {
                    try {
                      return mapper.writeValueAsBytes(rows);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
                  .line("ms"));
    }
  }

  private static Stats time(java.util.function.Supplier<?> work) {
    for (int i = 0; i < 200; i++) {
      work.get();
    }
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      long start = System.nanoTime();
      work.get();
      samples.add((System.nanoTime() - start) / 1e6);
    }
    return Stats.of(samples);
  }

  private static double wrk(String url, int seconds) throws Exception {
    return wrk(url, seconds, null);
  }

  /**
   * With {@code ifNoneMatch}, every answer must be a 304: wrk counts only statuses from 400 as
   * errors, so the bytes read per request (headers only) tell that no body was sent.
   */
  private static double wrk(String url, int seconds, String ifNoneMatch) throws Exception {
    List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c8", "-d" + seconds + "s"));
    if (ifNoneMatch != null) {
      command.addAll(List.of("-H", "If-None-Match: " + ifNoneMatch));
    }
    command.add(url);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the http benchmark needs wrk on the PATH (apt-get install wrk): " + e.getMessage(), e);
    }
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
    if (!m.find() || out.contains("Non-2xx")) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    if (ifNoneMatch != null) {
      Matcher read =
          Pattern.compile("(\\d+) requests in [^,]+, ([0-9.]+)([KMG]?B) read").matcher(out);
      if (!read.find()) {
        throw new IllegalStateException("wrk output not understood: " + out);
      }
      double bytes =
          Double.parseDouble(read.group(2))
              * switch (read.group(3)) {
                case "KB" -> 1024;
                case "MB" -> 1024 * 1024;
                case "GB" -> 1024 * 1024 * 1024;
                default -> 1;
              };
      if (bytes / Long.parseLong(read.group(1)) > 1000) {
        throw new IllegalStateException("bodies were sent despite If-None-Match: " + out);
      }
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
