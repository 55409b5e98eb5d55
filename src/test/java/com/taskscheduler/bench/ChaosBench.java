package com.taskscheduler.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The chaos run (docs/reliability.md): the WAR in a stock Tomcat on PostgreSQL (embedded, reached
 * through a TCP proxy this harness controls), three interval tasks writing a stamp when they start;
 * kill -9 of the server at random moments, a 60 s database cut, two servers of one identity at
 * once; then fires expected, launched, duplicated, lost and rows left {@code Run} are counted from
 * the database and the stamps.
 */
public final class ChaosBench {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private static final int[] INTERVALS = {2, 3, 5};

  private final Path base;
  private final Path tomcatHome = Path.of(System.getProperty("tomcat.home"));
  private final Path war = Path.of(System.getProperty("war.path"));
  private final int kills = Integer.getInteger("chaos.kills", 50);
  private final Random random = new Random(Long.getLong("chaos.seed", 7));
  private final List<Life> lives = new ArrayList<>();
  private Instant cutFrom;
  private Instant cutTo;
  private EmbeddedPostgres postgres;
  private TcpProxy proxy;

  /** One server process: started, ready (health UP), ended. */
  private static final class Life {
    final String name;
    final Instant started = Instant.now();
    volatile Instant ready;
    volatile Instant ended;
    Process process;

    Life(String name) {
      this.name = name;
    }
  }

  public ChaosBench(Path base) {
    this.base = base;
  }

  public void run() throws Exception {
    if (!Files.isRegularFile(war) || !Files.isRegularFile(tomcatHome.resolve("bin/catalina.sh"))) {
      throw new IllegalStateException(
          "needs the WAR and the stock Tomcat: mvn package -DskipTests &&"
              + " mvn dependency:unpack@unpack-stock-tomcat (missing "
              + war
              + " or "
              + tomcatHome
              + ")");
    }
    Instant begin = Instant.now();
    // An interrupted run leaves no server behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    lives.stream()
                        .filter(l -> l.process.isAlive())
                        .forEach(l -> l.process.destroyForcibly())));
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE chaos");
    }
    proxy = new TcpProxy(postgres.getPort());
    Path scripts = Files.createDirectories(base.resolve("scripts/chaos"));
    Path stamp = scripts.resolve("stamp.sh");
    Files.writeString(
        stamp,
        "#!/bin/bash\nprintf '%s %s %s\\n' \"$TASK_SCHEDULER_RUN_ID\" \"$TASK_SCHEDULER_TASK_ID\""
            + " \"$EPOCHREALTIME\" >> stamps.txt\nsleep 0.3\n");
    Files.setPosixFilePermissions(stamp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path serverA = prepareBase("a");
    Path serverB = prepareBase("b");

    // 1. First start migrates the schema; then the tasks are added.
    Life life = start(serverA);
    awaitReady(life, Duration.ofSeconds(180));
    addTasks();
    log("tasks added; kill -9 loop of " + kills + " begins");

    // 2. kill -9 at random moments (from process start: during start-up too).
    for (int i = 0; i < kills; i++) {
      long delay = 3000 + random.nextInt(22_000);
      sleepWhileWatching(life, delay);
      kill(life);
      log(
          "kill "
              + (i + 1)
              + "/"
              + kills
              + " after "
              + delay
              + " ms"
              + (life.ready == null ? " (during start-up)" : ""));
      life = start(serverA);
    }

    // 3. Database cut for 60 s under a running server.
    awaitReady(life, Duration.ofSeconds(180));
    Thread.sleep(10_000);
    cutFrom = Instant.now();
    proxy.cut(true);
    log("database cut");
    Thread.sleep(Long.getLong("chaos.cut.seconds", 60) * 1000);
    proxy.cut(false);
    cutTo = Instant.now();
    log("database back");
    Thread.sleep(Long.getLong("chaos.cut.seconds", 60) * 500);

    // 4. Two servers of one identity at once: B starts (newer session) while A runs.
    Life second = start(serverB);
    awaitReady(second, Duration.ofSeconds(180));
    log("second server of the same identity ready; both run for a while");
    Thread.sleep(Long.getLong("chaos.dual.seconds", 60) * 1000);
    kill(life);
    log("first server killed; the second goes on");

    // 5. Recovery: long enough for the Lost sweep (3 min of silence of the dead sessions).
    Thread.sleep(Duration.ofSeconds(Long.getLong("chaos.recovery.seconds", 215)).toMillis());
    Instant stopAsked = Instant.now();
    stop(second);
    Thread.sleep(1000);
    Instant end = Instant.now();
    analyse(begin, stopAsked, end, scripts.resolve("stamps.txt"));
    proxy.close();
    postgres.close();
  }

  private Path prepareBase(String name) throws IOException {
    Path dir = base.resolve("tomcat-" + name);
    copyTree(tomcatHome.resolve("conf"), dir.resolve("conf"));
    Path serverXml = dir.resolve("conf/server.xml");
    Files.writeString(
        serverXml,
        Files.readString(serverXml)
            .replace("port=\"8080\"", "port=\"" + freePort() + "\"")
            .replace("port=\"8005\"", "port=\"-1\""));
    for (String d : new String[] {"webapps", "logs", "temp", "work"}) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.copy(war, dir.resolve("webapps/ROOT.war"));
    return dir;
  }

  private Life start(Path dir) throws IOException {
    Life life = new Life(dir.getFileName().toString());
    ProcessBuilder builder =
        new ProcessBuilder("bash", tomcatHome.resolve("bin/catalina.sh").toString(), "run")
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("logs/console.out").toFile()));
    Map<String, String> env = builder.environment();
    env.put("CATALINA_HOME", tomcatHome.toString());
    env.put("CATALINA_BASE", dir.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("CATALINA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
    env.put(
        "DATABASE_CONNECTION_STRING",
        "jdbc:postgresql://localhost:"
            + proxy.port()
            + "/chaos?user=postgres&connectTimeout=5&socketTimeout=30");
    env.put("TASK_SCHEDULER_USER", "chaos");
    env.put("TASK_SCHEDULER_HOST", "chaos-host");
    env.put("TASK_SCHEDULER_TIMEZONE", "UTC");
    env.put("TASK_SCHEDULER_AUTOSTART", "true");
    env.put("TASK_SCHEDULER_HEARTBEAT_SECONDS", "5");
    env.put("TASK_SCHEDULER_SCRIPTS_ROOT", base.resolve("scripts").toString());
    env.put("TASK_SCHEDULER_OUTPUT_DIR", dir.resolve("output").toString());
    life.process = builder.start();
    lives.add(life);
    int port = port(dir);
    Thread watcher =
        new Thread(
            () -> {
              URI health = URI.create("http://localhost:" + port + "/api/health");
              while (life.ended == null && life.ready == null) {
                try {
                  HttpResponse<String> r =
                      HTTP.send(
                          HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                          HttpResponse.BodyHandlers.ofString());
                  if (r.statusCode() == 200 && r.body().contains("UP")) {
                    life.ready = Instant.now();
                    return;
                  }
                } catch (IOException | InterruptedException e) {
                  // not up yet
                }
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "chaos-watch");
    watcher.setDaemon(true);
    watcher.start();
    return life;
  }

  private static int port(Path dir) throws IOException {
    String xml = Files.readString(dir.resolve("conf/server.xml"));
    int i = xml.indexOf("<Connector port=\"") + "<Connector port=\"".length();
    return Integer.parseInt(xml.substring(i, xml.indexOf('"', i)));
  }

  private void awaitReady(Life life, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (life.ready == null) {
      if (System.nanoTime() > end || !life.process.isAlive()) {
        throw new IllegalStateException("server " + life.name + " did not become ready");
      }
      Thread.sleep(100);
    }
  }

  private void sleepWhileWatching(Life life, long millis) throws InterruptedException {
    Thread.sleep(millis);
    if (!life.process.isAlive()) {
      throw new IllegalStateException("server " + life.name + " died by itself");
    }
  }

  private static void kill(Life life) throws InterruptedException {
    life.ended = Instant.now();
    life.process.destroyForcibly(); // SIGKILL: catalina.sh run execs the JVM
    life.process.waitFor(30, TimeUnit.SECONDS);
  }

  private static void stop(Life life) throws InterruptedException {
    life.process.destroy(); // SIGTERM: Tomcat shuts down, the WAR's scheduler stops cleanly
    if (!life.process.waitFor(90, TimeUnit.SECONDS)) {
      life.process.destroyForcibly();
    }
    life.ended = Instant.now();
  }

  private Connection db() throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/chaos?user=postgres");
  }

  private void addTasks() throws Exception {
    try (Connection c = db();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every,"
                    + " AtTime, ToRunAsap, RunHost, InsertedAt, InsertedBy, InsertedHost)"
                    + " VALUES (true, 'chaos', 'stamp.sh', 'chaos', 'seconds', ?, false,"
                    + " 'chaos-host', ?, 'chaos', 'chaos-host')")) {
      for (int interval : INTERVALS) {
        ps.setString(1, Integer.toString(interval));
        ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now()));
        ps.executeUpdate();
      }
    }
  }

  private record Row(
      int id, int taskId, Instant fire, String status, String trigger, String session) {}

  private void analyse(Instant begin, Instant stopAsked, Instant end, Path stampFile)
      throws Exception {
    Map<Integer, Integer> intervals = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    try (Connection c = db();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT ID, AtTime FROM Task_Scheduler")) {
        while (rs.next()) {
          intervals.put(rs.getInt(1), Integer.parseInt(rs.getString(2)));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT ID, TaskID, FireTime, Status, TriggeredBy, HeartbeatID FROM Log_Task_Scheduler"
                  + " WHERE TaskID IS NOT NULL ORDER BY ID")) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getInt(1),
                  rs.getInt(2),
                  rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
    }
    Map<Integer, Integer> stampsPerRun = new HashMap<>();
    for (String line : Files.readAllLines(stampFile)) {
      stampsPerRun.merge(Integer.parseInt(line.split(" ")[0]), 1, Integer::sum);
    }
    Map<String, Integer> statuses = new TreeMap<>();
    rows.forEach(r -> statuses.merge(r.status, 1, Integer::sum));

    long expected = 0;
    long lostSlots = 0;
    long unjustifiedMissed = 0;
    long duplicateFires = 0;
    List<String> notes = new ArrayList<>();
    for (Map.Entry<Integer, Integer> task : intervals.entrySet()) {
      int id = task.getKey();
      long step = task.getValue() * 1000L;
      List<Row> mine =
          rows.stream().filter(r -> r.taskId == id && !"manual".equals(r.trigger)).toList();
      if (mine.isEmpty()) {
        notes.add("task " + id + " never fired");
        continue;
      }
      Instant first = mine.stream().map(Row::fire).min(Instant::compareTo).orElseThrow();
      // Slots from the first fire up to the graceful stop, by the task's own cadence.
      long slots = (stopAsked.toEpochMilli() - first.toEpochMilli()) / step + 1;
      expected += slots;
      Map<Long, Integer> perSlot = new HashMap<>();
      for (Row r : mine) {
        long offset = r.fire.toEpochMilli() - first.toEpochMilli();
        if (offset % step != 0) {
          notes.add("task " + id + " run " + r.id + " off the cadence by " + offset % step + " ms");
        }
        perSlot.merge(offset / step, 1, Integer::sum);
        if ("Missed".equals(r.status) && schedulerWasUp(r.fire)) {
          unjustifiedMissed++;
          notes.add(
              "task "
                  + id
                  + " slot "
                  + r.fire
                  + " Missed while a scheduler was up (run "
                  + r.id
                  + ")");
        }
      }
      for (long k = 0; k < slots; k++) {
        Integer n = perSlot.get(k);
        if (n == null) {
          // The very last slot may fall between the stop request and the scheduler's stop.
          Instant at = first.plusMillis(k * step);
          if (at.isAfter(stopAsked.minusSeconds(2))) {
            expected--;
            continue;
          }
          lostSlots++;
          notes.add("task " + id + " slot " + at + " has no row");
        } else if (n > 1) {
          duplicateFires += n - 1;
          notes.add("task " + id + " slot " + first.plusMillis(k * step) + " has " + n + " rows");
        }
      }
    }
    long claimedToRun =
        rows.stream()
            .filter(r -> !r.status.equals("Missed") && !r.status.equals("Skipped"))
            .count();
    long launched = stampsPerRun.size();
    long doubleStarts = stampsPerRun.values().stream().filter(n -> n > 1).count();
    Set<Integer> stampedRows = new HashSet<>(stampsPerRun.keySet());
    List<Row> notStarted =
        rows.stream()
            .filter(r -> !r.status.equals("Missed") && !r.status.equals("Skipped"))
            .filter(r -> !stampedRows.contains(r.id))
            .toList();
    long leftRun = rows.stream().filter(r -> r.status.equals("Run")).count();
    long ready = lives.stream().filter(l -> l.ready != null).count();
    long killedDuringStartup =
        lives.stream().filter(l -> l.ready == null && l.ended != null).count();

    Report.line(
        "CHAOS | duration "
            + Duration.between(begin, end).toSeconds()
            + " s, server starts "
            + lives.size()
            + " ("
            + ready
            + " reached ready, "
            + killedDuringStartup
            + " killed during start-up), kill -9: "
            + (lives.size() - 1)
            + ", database cut "
            + Duration.between(cutFrom, cutTo).toSeconds()
            + " s, two servers of one identity for 60 s");
    Report.line("CHAOS | rows by status " + statuses);
    Report.line(
        "CHAOS | fires expected (slots of the three interval tasks from first fire to stop): "
            + expected);
    Report.line(
        "CHAOS | rows claimed to run (not Missed/Skipped): "
            + claimedToRun
            + "; processes launched (stamps): "
            + launched);
    Report.line(
        "CHAOS | claimed but never started (server killed between claim and spawn): "
            + notStarted.size()
            + " "
            + notStarted.stream().map(r -> r.id + ":" + r.status).limit(20).toList());
    Report.line(
        "CHAOS | duplicated fires (slot with >1 row): "
            + duplicateFires
            + "; runs started twice: "
            + doubleStarts);
    Report.line(
        "CHAOS | slots without any row: "
            + lostSlots
            + "; Missed while a scheduler was up: "
            + unjustifiedMissed);
    Report.line("CHAOS | rows left Run after recovery: " + leftRun);
    notes.stream().limit(40).forEach(n -> Report.line("CHAOS | note: " + n));
    Report.result(
        "chaos: duplicated fires",
        "0",
        Long.toString(duplicateFires + doubleStarts),
        duplicateFires + doubleStarts == 0);
    Report.result(
        "chaos: lost beyond the catch-up rule",
        "0",
        Long.toString(lostSlots + unjustifiedMissed),
        lostSlots + unjustifiedMissed == 0);
    Report.result("chaos: rows left Run", "0", Long.toString(leftRun), leftRun == 0);
  }

  /**
   * Whether a scheduler had been ready for a while at {@code at} and stayed up past it, with the
   * database reachable: a fire then must not be recorded as missed.
   */
  private boolean schedulerWasUp(Instant at) {
    if (cutFrom != null
        && !at.isBefore(cutFrom.minusSeconds(2))
        && !at.isAfter(cutTo.plusSeconds(5))) {
      return false;
    }
    for (Life l : lives) {
      if (l.ready != null
          && at.isAfter(l.ready.plusSeconds(10))
          && (l.ended == null || at.isBefore(l.ended.minusSeconds(1)))) {
        return true;
      }
    }
    return false;
  }

  private static void log(String text) {
    System.out.println(Instant.now() + " chaos: " + text);
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

  @SuppressWarnings("unused")
  private static BigDecimal unused() {
    return BigDecimal.ZERO;
  }
}
