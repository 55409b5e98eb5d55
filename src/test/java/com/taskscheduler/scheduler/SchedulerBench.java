package com.taskscheduler.scheduler;

import com.taskscheduler.App;
import com.taskscheduler.bench.JvmWindow;
import com.taskscheduler.bench.Report;
import com.taskscheduler.bench.Stats;
import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.HeartbeatRepository;
import com.taskscheduler.run.Run;
import com.taskscheduler.run.launch.ScriptLauncher;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import com.taskscheduler.testing.SwitchableDataSource;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Scheduler benchmarks on a real clock: fire lag of one task, a burst of 100 due tasks against a
 * bare bash loop, launch throughput against {@code xargs -P2}, and statements per idle pass.
 */
public final class SchedulerBench {
  /** First thing each script does: its run id and the wall clock, without forking. */
  static final String STAMP =
      "#!/bin/bash\nprintf '%s %s\\n' \"$TASK_SCHEDULER_RUN_ID\" \"$EPOCHREALTIME\" >> stamps.txt\n";

  static final String NOOP = "#!/bin/bash\nexit 0\n";

  private final Path home;

  public SchedulerBench(Path home) {
    this.home = home;
  }

  // ---------------------------------------------------------------- fire lag of a single task

  /**
   * One task firing every second, for {@code seconds} with processes prepared ahead (the default)
   * and then as long without, in the same harness run.
   */
  public void fireLag(int seconds) throws Exception {
    Stats prepared = null;
    for (boolean prepare : new boolean[] {true, false}) {
      try (Bench b = new Bench(home.resolve("firelag-" + prepare), prepare)) {
        Task task = b.add("stamp.sh", "seconds", "1", null);
        b.app.scheduler().start();
        long start = System.currentTimeMillis();
        JvmWindow jvm = JvmWindow.between(start + 5_000, start + seconds * 1_000L - 500);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        Report.line(
            "  the JVM from 5 s after the start to 0.5 s before the end ("
                + (seconds - 5.5)
                + " s): "
                + jvm.summary());
        b.app.scheduler().stop();
        Map<Integer, Double> lags = b.lagsMillis(task.getId());
        // The first fires warm the JIT up; they are reported but not counted.
        List<Double> counted = new ArrayList<>();
        List<Integer> ids = new ArrayList<>(lags.keySet());
        ids.sort(null);
        for (int i = 0; i < ids.size(); i++) {
          if (i >= 3) {
            counted.add(lags.get(ids.get(i)));
          }
        }
        Stats s = Stats.of(counted);
        Report.line(
            "fire lag, single task `seconds 1`, H2 in-memory, "
                + variant(prepare)
                + ": "
                + s.line("ms"));
        Report.line(
            "  of which FireTime -> start recorded (StartedAt): "
                + Stats.of(b.startedLags(task.getId())).line("ms"));
        if (prepare) {
          prepared = s;
        }
      }
    }
    Report.result(
        "fire lag single task p99", "<= 10 ms", fmt(prepared.p99()) + " ms", prepared.p99() <= 10);
  }

  private static String variant(boolean prepare) {
    return prepare ? "processes prepared (default)" : "TASK_SCHEDULER_PREPARE_PROCESSES=false";
  }

  // ---------------------------------------------------------------- burst of 100

  /**
   * Rounds of {@code tasks} fires due at one instant, through a scheduler that prepares processes
   * (the default) and one that does not, each round followed by the bare loops.
   */
  public void burst(int tasks, int rounds) throws Exception {
    List<Double> scheduler = new ArrayList<>();
    List<Double> unprepared = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    List<Double> javaLoop = new ArrayList<>();
    List<Double> waitingShells = new ArrayList<>();
    List<Double> capturingShells = new ArrayList<>();
    List<Double> helper = new ArrayList<>();
    List<String> perRound = new ArrayList<>();
    try (Bench b = new Bench(home.resolve("burst"), true);
        Bench u = new Bench(home.resolve("burst-unprepared"), false)) {
      List<Integer> ids = b.addTasks("stamp.sh", tasks);
      List<Integer> uids = u.addTasks("stamp.sh", tasks);
      b.app.scheduler().start();
      u.app.scheduler().start();
      Path bareDir = Files.createDirectories(home.resolve("burst-bare"));
      script(bareDir.resolve("stamp.sh"), STAMP);
      for (int round = 0; round < rounds; round++) {
        List<Double> s = b.burst(ids);
        String schedulerJvm = b.lastWindow;
        Thread.sleep(500);
        List<Double> n = u.burst(uids);
        Thread.sleep(500);
        List<Double> l = bashBurst(bareDir, tasks);
        List<Double> j = javaBurst(bareDir, tasks);
        Timed waiting = preparedBurst(bareDir, tasks, false);
        List<Double> w = waiting.delays();
        Timed capturing = preparedBurst(bareDir, tasks, true);
        List<Double> c = capturing.delays();
        List<Double> h = helperBurst(bareDir, tasks);
        perRound.add(
            String.format(
                Locale.ROOT,
                "round %d: scheduler p99 %.1f ms (without preparing %.1f ms), bash loop p99"
                    + " %.1f ms, Java loop p99 %.1f ms, waiting shells p99 %.1f ms (output"
                    + " captured %.1f ms), forking helper p99 %.1f ms",
                round + 1,
                Stats.of(s).p99(),
                Stats.of(n).p99(),
                Stats.of(l).p99(),
                Stats.of(j).p99(),
                Stats.of(w).p99(),
                Stats.of(c).p99(),
                Stats.of(h).p99()));
        perRound.add(
            "  the JVM from 30 ms before the instant to 120 ms after: scheduler " + schedulerJvm);
        perRound.add("  the same for the waiting shells' loop: " + waiting.jvm());
        perRound.add("  the same with their output captured: " + capturing.jvm());
        if (round > 0) { // round 1 warms up
          scheduler.addAll(s);
          unprepared.addAll(n);
          bare.addAll(l);
          javaLoop.addAll(j);
          waitingShells.addAll(w);
          capturingShells.addAll(c);
          helper.addAll(h);
        }
      }
      b.app.scheduler().stop();
      u.app.scheduler().stop();
    }
    perRound.forEach(Report::line);
    Stats s = Stats.of(scheduler);
    Stats n = Stats.of(unprepared);
    Stats l = Stats.of(bare);
    Stats j = Stats.of(javaLoop);
    Stats w = Stats.of(waitingShells);
    Stats c = Stats.of(capturingShells);
    Stats h = Stats.of(helper);
    Report.line("burst of " + tasks + ", scheduler fire lag: " + s.line("ms"));
    Report.line(
        "burst of " + tasks + ", scheduler fire lag, " + variant(false) + ": " + n.line("ms"));
    Report.line("burst of " + tasks + ", bare bash `&` loop start delay: " + l.line("ms"));
    Report.line(
        "burst of " + tasks + ", bare Java ProcessBuilder loop start delay: " + j.line("ms"));
    Report.line(
        "burst of "
            + tasks
            + ", shells made ahead and told to go by a bare Java loop: "
            + w.line("ms"));
    Report.line(
        "burst of "
            + tasks
            + ", the same shells with their output captured through pipes, as the launcher"
            + " captures it: "
            + c.line("ms"));
    Report.line(
        "burst of "
            + tasks
            + ", a forking bash helper told by one write from the JVM: "
            + h.line("ms"));
    double ratio = s.p99() / l.p99();
    Report.result(
        "burst of " + tasks + ": scheduler p99 / bash-loop p99",
        "<= 1.3",
        String.format(
            Locale.ROOT,
            "%.2f (%.1f ms / %.1f ms; without preparing %.2f; Java loop %.2f; waiting shells"
                + " %.2f, output captured %.2f; forking helper %.2f)",
            ratio,
            s.p99(),
            l.p99(),
            n.p99() / l.p99(),
            j.p99() / l.p99(),
            w.p99() / l.p99(),
            c.p99() / l.p99(),
            h.p99() / l.p99()),
        ratio <= 1.3);
  }

  /** Starts {@code n} copies of the stamp script from a bash loop; delays from the loop start. */
  private static List<Double> bashBurst(Path dir, int n) throws Exception {
    Files.deleteIfExists(dir.resolve("stamps.txt"));
    String loop =
        "cd '"
            + dir
            + "'; t0=$EPOCHREALTIME; for ((i=1;i<="
            + n
            + ";i++)); do TASK_SCHEDULER_RUN_ID=$i bash stamp.sh & done; wait; echo $t0";
    Process p = new ProcessBuilder("bash", "-c", loop).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor();
    double t0 = Double.parseDouble(out) * 1000;
    List<Double> result = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("stamps.txt"))) {
      result.add(Double.parseDouble(line.split(" ")[1]) * 1000 - t0);
    }
    return result;
  }

  /** The same from a Java loop: ProcessBuilder.start, as the launcher does, no database. */
  private static List<Double> javaBurst(Path dir, int n) throws Exception {
    Files.deleteIfExists(dir.resolve("stamps.txt"));
    List<Process> started = new ArrayList<>();
    double t0 = epochMillis();
    for (int i = 1; i <= n; i++) {
      started.add(stampProcess(dir, i, List.of()).start());
    }
    return stampsSince(dir, started, t0);
  }

  /**
   * The floor of the launcher's own way: {@code n} shells made ahead and waiting as the launcher's
   * prepared processes wait, then told to go by a plain loop (no database, no checks); delays from
   * the start of that loop, and the JVM's spending around it. With {@code capture}, each shell's
   * output comes back through a pipe read to its end by a thread of a pool, as the launcher reads
   * it for the output cap (SPEC §6); without, it is discarded by the system.
   */
  private static Timed preparedBurst(Path dir, int n, boolean capture) throws Exception {
    Files.deleteIfExists(dir.resolve("stamps.txt"));
    List<Process> waiting = new ArrayList<>();
    ExecutorService drains =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "bench-output-drain");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (int i = 1; i <= n; i++) {
        ProcessBuilder pb =
            stampProcess(dir, i, List.of("/bin/sh", "-c", ScriptLauncher.WAIT_THEN_EXEC, "sh"))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = (capture ? pb.redirectOutput(ProcessBuilder.Redirect.PIPE) : pb).start();
        waiting.add(p);
        if (capture) {
          drains.execute(() -> drain(p));
        }
      }
      long go = System.currentTimeMillis() + 200;
      JvmWindow window = JvmWindow.between(go - 30, go + 120);
      Thread.sleep(go - System.currentTimeMillis());
      double t0 = epochMillis();
      for (Process p : waiting) {
        p.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
      }
      List<Double> delays = stampsSince(dir, waiting, t0);
      return new Timed(delays, window.summary());
    } finally {
      drains.shutdown();
      drains.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** Reads a process's output to its end and waits for the process, as the launcher's drain. */
  private static void drain(Process p) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = p.getInputStream()) {
      while (in.read(buffer) >= 0) {
        // discarded: the bench needs the reading, not the bytes
      }
      p.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Start delays, and what the JVM spent around their instant ({@link JvmWindow}). */
  private record Timed(List<Double> delays, String jvm) {}

  /** The same through the forking helper: delays from the instant before its one write. */
  private static List<Double> helperBurst(Path dir, int n) throws Exception {
    Files.deleteIfExists(dir.resolve("stamps.txt"));
    double[] t0 = new double[1];
    forkingHelper(dir, "stamp.sh", n, () -> t0[0] = epochMillis());
    List<Double> result = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("stamps.txt"))) {
      result.add(Double.parseDouble(line.split(" ")[1]) * 1000 - t0[0]);
    }
    return result;
  }

  private static ProcessBuilder stampProcess(Path dir, int runId, List<String> before) {
    List<String> command = new ArrayList<>(before);
    command.addAll(List.of("bash", dir.resolve("stamp.sh").toString()));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("TASK_SCHEDULER_RUN_ID", Integer.toString(runId));
    return pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
  }

  private static double epochMillis() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
  }

  private static List<Double> stampsSince(Path dir, List<Process> processes, double t0)
      throws Exception {
    for (Process p : processes) {
      p.waitFor();
    }
    List<Double> result = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("stamps.txt"))) {
      result.add(Double.parseDouble(line.split(" ")[1]) * 1000 - t0);
    }
    return result;
  }

  // ---------------------------------------------------------------- throughput

  public void throughput(int n, int rounds) throws Exception {
    List<Double> schedulerRates = new ArrayList<>();
    List<Double> unpreparedRates = new ArrayList<>();
    List<Double> xargsRates = new ArrayList<>();
    List<Double> javaRates = new ArrayList<>();
    List<Double> helperRates = new ArrayList<>();
    try (Bench b = new Bench(home.resolve("throughput"), true);
        Bench u = new Bench(home.resolve("throughput-unprepared"), false)) {
      List<Integer> ids = b.addTasks("noop.sh", n);
      List<Integer> uids = u.addTasks("noop.sh", n);
      b.app.scheduler().start();
      u.app.scheduler().start();
      Path bareDir = Files.createDirectories(home.resolve("throughput-bare"));
      script(bareDir.resolve("noop.sh"), NOOP);
      for (int round = 0; round < rounds; round++) {
        double rate = b.launchRate(ids);
        String schedulerJvm = b.lastWindow;
        Thread.sleep(500);
        double unpreparedRate = u.launchRate(uids);
        Thread.sleep(500);
        long t0 = System.nanoTime();
        Process p =
            new ProcessBuilder("bash", "-c", "seq " + n + " | xargs -P2 -I{} bash noop.sh")
                .directory(bareDir.toFile())
                .inheritIO()
                .start();
        p.waitFor();
        double bareRate = n / ((System.nanoTime() - t0) / 1e9);
        double javaRate = javaThroughput(bareDir, n);
        double helperRate = forkingHelperThroughput(bareDir, n);
        Report.line(
            String.format(
                Locale.ROOT,
                "throughput round %d: scheduler %.0f launches/s (without preparing %.0f/s),"
                    + " xargs -P2 %.0f/s, Java ProcessBuilder 2 threads %.0f/s,"
                    + " forking helper %.0f/s",
                round + 1,
                rate,
                unpreparedRate,
                bareRate,
                javaRate,
                helperRate));
        Report.line("  the JVM from 1.5 s before the instant to 1.5 s after: " + schedulerJvm);
        if (round > 0) {
          schedulerRates.add(rate);
          unpreparedRates.add(unpreparedRate);
          xargsRates.add(bareRate);
          javaRates.add(javaRate);
          helperRates.add(helperRate);
        }
      }
      b.app.scheduler().stop();
      u.app.scheduler().stop();
    }
    // The JIT is still compiling the scheduler's paths in the first rounds (its CPU in the window
    // above falls round by round), while the bare loops need little of it: the last half of the
    // rounds is what a server that has been running a while does.
    double warmScheduler = lastHalfMedian(schedulerRates);
    double warmXargs = lastHalfMedian(xargsRates);
    Report.line(
        String.format(
            Locale.ROOT,
            "throughput in the last %d rounds: scheduler %.0f/s = %.2f x xargs (%.0f/s), the JVM"
                + " loop %.2f x",
            schedulerRates.size() - schedulerRates.size() / 2,
            warmScheduler,
            warmScheduler / warmXargs,
            warmXargs,
            lastHalfMedian(javaRates) / warmXargs));
    double s = Stats.of(schedulerRates).median();
    double w = Stats.of(unpreparedRates).median();
    double x = Stats.of(xargsRates).median();
    double j = Stats.of(javaRates).median();
    double h = Stats.of(helperRates).median();
    Report.line(
        String.format(
            Locale.ROOT,
            "throughput floor of a JVM: bare ProcessBuilder loop on 2 threads %.0f/s = %.2f x xargs;"
                + " scheduler / that loop %.2f; a forking bash helper fed by the JVM %.0f/s = %.2f x"
                + " xargs",
            j,
            j / x,
            s / j,
            h,
            h / x));
    Report.result(
        "launch throughput scheduler / xargs -P2 (medians)",
        ">= 0.7",
        String.format(
            Locale.ROOT, "%.2f (%.0f/s vs %.0f/s; without preparing %.2f)", s / x, s, x, w / x),
        s / x >= 0.7);
  }

  private static double lastHalfMedian(List<Double> rounds) {
    return Stats.of(rounds.subList(rounds.size() / 2, rounds.size())).median();
  }

  /**
   * The same no-op script started and waited for by two plain Java threads (what any JVM launcher
   * pays, no database, output discarded): launches per second.
   */
  private static double javaThroughput(Path dir, int n) throws Exception {
    java.util.concurrent.atomic.AtomicInteger left =
        new java.util.concurrent.atomic.AtomicInteger(n);
    Runnable worker =
        () -> {
          while (left.getAndDecrement() > 0) {
            try {
              new ProcessBuilder("bash", dir.resolve("noop.sh").toString())
                  .directory(dir.toFile())
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                  .start()
                  .waitFor();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        };
    long t0 = System.nanoTime();
    Thread a = new Thread(worker);
    Thread b = new Thread(worker);
    a.start();
    b.start();
    a.join();
    b.join();
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /**
   * What starting processes outside the JVM could do at best: one long-lived bash, told each run by
   * a line on its stdin, forks it with stdin from the null device and output to a file of its own,
   * and reports its pid and, from a SIGCHLD trap, its exit status. No database, no checks, no
   * capped capture (the product's cap needs the output to pass through the JVM). Launches per
   * second, from the first line written to the last exit read.
   */
  private static double forkingHelperThroughput(Path dir, int n) throws Exception {
    long[] t0 = new long[1];
    forkingHelper(dir, "noop.sh", n, () -> t0[0] = System.nanoTime());
    return n / ((System.nanoTime() - t0[0]) / 1e9);
  }

  /**
   * Starts the helper, waits until it is ready, calls {@code go} just before writing the {@code n}
   * run lines at once, and returns when it has reported every exit (status 0 each).
   */
  private static void forkingHelper(Path dir, String script, int n, Runnable go) throws Exception {
    Path out = Files.createDirectories(dir.resolve("helper-out"));
    Process helper =
        new ProcessBuilder("bash", "-c", FORKING_HELPER, "helper", out.toString(), script)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (var in =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(helper.getInputStream(), StandardCharsets.US_ASCII));
        var commands = helper.getOutputStream()) {
      StringBuilder lines = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        lines.append(i).append('\n');
      }
      byte[] all = lines.toString().getBytes(StandardCharsets.US_ASCII);
      if (!"ready".equals(in.readLine())) {
        throw new IllegalStateException("the forking helper did not start");
      }
      go.run();
      commands.write(all);
      commands.flush();
      int exits = 0;
      String line;
      while (exits < n && (line = in.readLine()) != null) {
        if (line.startsWith("E ")) {
          if (!line.endsWith(" 0")) {
            throw new IllegalStateException("helper run failed: " + line);
          }
          exits++;
        }
      }
      if (exits < n) {
        throw new IllegalStateException("helper reported " + exits + " of " + n + " exits");
      }
    } finally {
      helper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      helper.destroyForcibly();
    }
  }

  /**
   * A run per line in, "S id pid" and "E id pid status" out; {@code $1} is the output folder,
   * {@code $2} the script. bash defers a trap until a read returns, so while runs are outstanding
   * it reads with a short timeout to report exits promptly.
   */
  static final String FORKING_HELPER =
      "declare -A ids; n=0\n"
          + "report() { echo \"E ${ids[$1]} $1 $2\"; unset \"ids[$1]\"; n=$((n-1)); }\n"
          + "reap() { local p st; wait -n -p p; st=$?; [[ -n $p ]] && report \"$p\" \"$st\"; }\n"
          // Signals can merge: what the trap missed, a sweep of the gone pids finds.
          + "sweep() { local p; for p in \"${!ids[@]}\"; do kill -0 \"$p\" 2>/dev/null"
          + " || { wait \"$p\"; report \"$p\" $?; }; done; }\n"
          + "trap reap CHLD\n"
          + "echo ready\n"
          + "while :; do\n"
          + "  if (( n > 0 )); then IFS= read -r -t 0.05 i; rc=$?; else IFS= read -r i; rc=$?; fi\n"
          + "  if (( rc == 0 )); then\n"
          + "    TASK_SCHEDULER_RUN_ID=$i bash \"$2\" </dev/null >\"$1/$i\" 2>&1 &\n"
          + "    ids[$!]=$i; n=$((n+1)); echo \"S $i $!\"\n"
          + "  elif (( rc > 128 )); then sweep; else break; fi\n"
          + "done\n"
          + "trap - CHLD; wait; sweep\n";

  // ---------------------------------------------------------------- statements per idle pass

  public void idleStatements(int... sizes) throws Exception {
    List<String> results = new ArrayList<>();
    for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
      for (int size : sizes) {
        SwitchableDataSource ds = new SwitchableDataSource(TestDatabases.fresh(kind));
        AppConfig config = TestConfigs.config(home, Map.of());
        try (Database database = Database.open(ds, null)) {
          insertTasks(ds, size, "day", "03:00", null);
          Scheduler scheduler =
              new Scheduler(
                  config,
                  Clock.systemUTC(),
                  database,
                  new Timestamps(config.zone()),
                  new TaskRepository(database),
                  new HeartbeatRepository(database),
                  new RecordingLauncher(config.outputDir()),
                  new SchedulerEvents());
          Session session = scheduler.newSession();
          session.checkStandby(Instant.now());
          session.engine().runOnce(); // publishes next runs once
          int passes = 5;
          List<Double> millis = new ArrayList<>();
          ds.resetStatements();
          for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            session.engine().runOnce();
            millis.add((System.nanoTime() - t0) / 1e6);
          }
          double perPass = ds.statements() / (double) passes;
          results.add(kind + ":" + size + "=" + perPass);
          Report.line(
              String.format(
                  Locale.ROOT,
                  "idle pass, %s, %d tasks: %.1f statements per pass, pass time median %.1f ms",
                  kind,
                  size,
                  perPass,
                  Stats.of(millis).median()));
          scheduler.close();
        }
      }
    }
    boolean constant =
        results.stream().map(r -> r.substring(r.indexOf('=') + 1)).distinct().count() == 1;
    Report.result(
        "statements per idle poll at " + java.util.Arrays.toString(sizes) + " tasks",
        "constant",
        String.join(", ", results),
        constant);
  }

  // ---------------------------------------------------------------- helpers

  static void script(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Inserts {@code n} tasks of alice@test-host by JDBC batches. */
  public static void insertTasks(DataSource ds, int n, String every, String atTime, String script)
      throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime,"
                  + " ToRunAsap, Comment, RunHost, InsertedAt, InsertedBy, InsertedHost)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < n; i++) {
          ps.setBoolean(1, true);
          ps.setString(2, "alice");
          ps.setString(3, script == null ? "job" + i + ".py" : script);
          ps.setString(4, "jobs");
          ps.setString(5, every);
          ps.setString(6, atTime);
          ps.setBoolean(7, false);
          ps.setString(8, "benchmark task " + i);
          ps.setString(9, "test-host");
          ps.setTimestamp(10, Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 9, 0)));
          ps.setString(11, "Alice");
          ps.setString(12, "test-host");
          ps.addBatch();
          if (i % 1000 == 999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** A real application (Hikari pool, ProcessLauncher) on a fresh in-memory H2, real clock. */
  static final class Bench implements AutoCloseable {
    final Path home;
    final App app;
    String lastWindow = "";

    Bench(Path home, boolean prepare) throws Exception {
      this.home = Files.createDirectories(home);
      script(home.resolve("jobs/stamp.sh"), STAMP);
      script(home.resolve("jobs/noop.sh"), NOOP);
      Map<String, String> settings = new HashMap<>();
      settings.put("DATABASE_CONNECTION_STRING", TestDatabases.freshUrl(TestDatabases.Kind.H2));
      settings.put("TASK_SCHEDULER_PREPARE_PROCESSES", Boolean.toString(prepare));
      AppConfig config = TestConfigs.config(home, settings);
      app = App.start(config, Clock.systemUTC());
      app.database().inTransaction(em -> em.createQuery("DELETE FROM Task t").executeUpdate());
    }

    /** {@code n} hourly tasks running {@code script}, none due. */
    List<Integer> addTasks(String script, int n) {
      List<Integer> ids = new ArrayList<>();
      Instant far = Instant.now().plus(Duration.ofDays(1));
      for (int i = 0; i < n; i++) {
        ids.add(add(script, "seconds", "3600", far).getId());
      }
      return ids;
    }

    /** Makes every task due at the next whole second but one; their fire lags (stamp script). */
    List<Double> burst(List<Integer> ids) throws Exception {
      Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
      dueAt(ids, due, Duration.ofHours(1));
      JvmWindow window = JvmWindow.between(due.toEpochMilli() - 30, due.toEpochMilli() + 120);
      int before = runCount();
      app.scheduler().tasksChanged();
      awaitRuns(before + ids.size(), Duration.ofSeconds(60));
      lastWindow = window.summary();
      return new ArrayList<>(lagsMillis(ids, before).values());
    }

    /** Makes every task due at once; runs per second from that instant to the last end. */
    double launchRate(List<Integer> ids) throws Exception {
      Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
      dueAt(ids, due, Duration.ofHours(1));
      JvmWindow window = JvmWindow.between(due.toEpochMilli() - 1_500, due.toEpochMilli() + 1_500);
      int before = runCount();
      app.scheduler().tasksChanged();
      awaitFinished(before + ids.size(), Duration.ofSeconds(120));
      lastWindow = window.summary();
      Instant last = lastFinished(before);
      return ids.size() / (Duration.between(due, last).toNanos() / 1e9);
    }

    Task add(String script, String every, String atTime, Instant lastFire) {
      Task task = Fixture.task(script, every, atTime);
      task.setLastFireTime(lastFire);
      return app.tasks().insert(task);
    }

    /** Sets the anchors so every task's next fire is {@code due}. */
    void dueAt(List<Integer> ids, Instant due, Duration every) {
      app.database()
          .inTransaction(
              em ->
                  em.createQuery("UPDATE Task t SET t.lastFireTime = :last WHERE t.id IN :ids")
                      .setParameter("last", Timestamps.toUtc(due.minus(every)))
                      .setParameter("ids", ids)
                      .executeUpdate());
    }

    int runCount() {
      return app.database()
          .read(em -> em.createQuery("SELECT COUNT(r) FROM Run r", Long.class).getSingleResult())
          .intValue();
    }

    void awaitRuns(int count, Duration max) throws Exception {
      long end = System.nanoTime() + max.toNanos();
      while (System.nanoTime() < end) {
        if (stampCount() >= count && runCount() >= count) {
          return;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("runs did not start within " + max);
    }

    void awaitFinished(int count, Duration max) throws Exception {
      long end = System.nanoTime() + max.toNanos();
      while (System.nanoTime() < end) {
        long done =
            app.database()
                .read(
                    em ->
                        em.createQuery(
                                "SELECT COUNT(r) FROM Run r WHERE r.finishedAt IS NOT NULL",
                                Long.class)
                            .getSingleResult());
        if (done >= count) {
          return;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("runs did not finish within " + max);
    }

    Instant lastFinished(int skip) {
      List<Run> runs =
          app.database()
              .read(
                  em ->
                      em.createQuery("SELECT r FROM Run r ORDER BY r.id", Run.class)
                          .getResultList());
      return runs.subList(skip, runs.size()).stream()
          .map(Run::getFinishedAt)
          .max(Instant::compareTo)
          .orElseThrow();
    }

    List<Double> startedLags(int taskId) {
      List<Double> result = new ArrayList<>();
      for (Run run :
          app.database()
              .read(
                  em ->
                      em.createQuery("SELECT r FROM Run r WHERE r.taskId = :id", Run.class)
                          .setParameter("id", taskId)
                          .getResultList())) {
        if (run.getStartedAt() != null) {
          result.add(Duration.between(run.getFireTime(), run.getStartedAt()).toNanos() / 1e6);
        }
      }
      return result;
    }

    long stampCount() throws IOException {
      Path stamps = home.resolve("jobs/stamps.txt");
      return Files.exists(stamps) ? Files.readAllLines(stamps).size() : 0;
    }

    Map<Integer, Double> lagsMillis(int taskId) throws IOException {
      return lags(
          app.database()
              .read(
                  em ->
                      em.createQuery("SELECT r FROM Run r WHERE r.taskId = :id", Run.class)
                          .setParameter("id", taskId)
                          .getResultList()));
    }

    Map<Integer, Double> lagsMillis(List<Integer> ids, int skipRuns) throws IOException {
      List<Run> runs =
          app.database()
              .read(
                  em ->
                      em.createQuery("SELECT r FROM Run r ORDER BY r.id", Run.class)
                          .getResultList());
      return lags(runs.subList(skipRuns, runs.size()));
    }

    /** Run id to (script's first instant - FireTime) in ms, for runs whose script stamped. */
    private Map<Integer, Double> lags(List<Run> runs) throws IOException {
      Map<Integer, BigDecimal> stamps = new HashMap<>();
      for (String line : Files.readAllLines(home.resolve("jobs/stamps.txt"))) {
        String[] parts = line.split(" ");
        stamps.put(Integer.parseInt(parts[0]), new BigDecimal(parts[1]));
      }
      Map<Integer, Double> result = new HashMap<>();
      for (Run run : runs) {
        BigDecimal stamp = stamps.get(run.getId());
        if (stamp != null && run.getFireTime() != null) {
          double fire =
              run.getFireTime().getEpochSecond() * 1000.0 + run.getFireTime().getNano() / 1e6;
          result.put(run.getId(), stamp.doubleValue() * 1000 - fire);
        }
      }
      return result;
    }

    @Override
    public void close() {
      app.close();
    }
  }
}
