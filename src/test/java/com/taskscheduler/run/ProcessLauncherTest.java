package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.run.RunOutputs.RunOutput;
import com.taskscheduler.scheduler.Launcher;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import com.taskscheduler.testing.TestConfigs;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real scripts through the launcher, with their rows on H2 and on a real PostgreSQL. */
class ProcessLauncherTest {

  private static final String SESSION = "1759476323123456";
  private static final Duration ROW_WAIT = Duration.ofSeconds(30);

  @TempDir Path home;
  private Path scripts;
  private AppConfig config;
  private Database database;
  private ProcessLauncher launcher;
  private final Recorder listener = new Recorder();
  private final AtomicInteger fires = new AtomicInteger();

  @BeforeEach
  void configure() throws IOException {
    scripts = Files.createDirectories(home.resolve("scripts"));
    config =
        TestConfigs.config(
            home,
            Map.of(
                "TASK_SCHEDULER_SCRIPTS_ROOT", scripts.toString(),
                "TASK_SCHEDULER_OUTPUT_DIR", home.resolve("output").toString(),
                "TASK_SCHEDULER_OUTPUT_CAP_BYTES", "1000000"));
  }

  @AfterEach
  void close() {
    if (launcher != null) {
      launcher.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private void open(Kind kind) throws SQLException {
    open(TestDatabases.fresh(kind));
  }

  private void open(DataSource dataSource) throws SQLException {
    open(dataSource, true);
  }

  private void open(DataSource dataSource, boolean prepare) throws SQLException {
    database = Database.open(dataSource, null);
    launcher =
        new ProcessLauncher(
            ProcessLauncher.settings(config).withKillGrace(Duration.ofMillis(500)),
            database,
            Clock.systemUTC(),
            listener,
            ProcessLauncher.DEFAULT_RETRY_DELAYS,
            prepare);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aScriptExitingZeroEndsAsSuccessWithTimesDurationAndReadableOutput(Kind kind)
      throws Exception {
    open(kind);
    script("jobs/hello.sh", "echo hello from the script\nsleep 0.2\necho bye >&2\n");
    Task task = task("jobs", "hello.sh", null);
    Run run = claim(task);

    launcher.launch(task, run, SESSION);
    Run done = awaitFinal(run);

    assertThat(done.getStatus()).isEqualTo("Success");
    assertThat(done.getExitCode()).isZero();
    assertThat(done.getReason()).isNull();
    assertThat(done.getStartedAt()).isNotNull();
    assertThat(done.getFinishedAt()).isAfterOrEqualTo(done.getStartedAt());
    assertThat(done.getDurationMs())
        .isEqualTo(Duration.between(done.getStartedAt(), done.getFinishedAt()).toMillis())
        .isGreaterThanOrEqualTo(200);
    assertThat(done.getOutputPath())
        .isEqualTo(config.outputDir().resolve(run.getId() + ".log").toString());
    RunOutput output = new RunOutputs(config).read(done, 10_000);
    assertThat(output.state()).isEqualTo(RunOutput.State.KEPT);
    assertThat(output.text()).isEqualTo("hello from the script\nbye\n");
    assertThat(listener.started).extracting(Run::getId).containsExactly(run.getId());
    assertThat(listener.started.get(0).getStartedAt()).isEqualTo(done.getStartedAt());
    await().atMost(ROW_WAIT).until(() -> listener.ended.size() == 1);
    assertThat(listener.ended.get(0).getStatus()).isEqualTo("Success");
    assertThat(launcher.isRunning(task.getId())).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aScriptExitingThreeEndsAsFailedKeepingExitCodeDurationAndOutput(Kind kind) throws Exception {
    open(kind);
    script("three.py", "import sys\nprint('about to fail')\nsys.exit(3)\n");
    Task task = task("", "three.py", null);
    Run run = claim(task);

    launcher.launch(task, run, SESSION);
    Run done = awaitFinal(run);

    assertThat(done.getStatus()).isEqualTo("Failed");
    assertThat(done.getExitCode()).isEqualTo(3);
    assertThat(done.getStartedAt()).isNotNull();
    assertThat(done.getFinishedAt()).isNotNull();
    assertThat(done.getDurationMs()).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(new RunOutputs(config).read(done, 10_000).text()).isEqualTo("about to fail\n");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aScriptOutsideTheRootOrMissingFailsWithTheReasonAndStartsNothing(Kind kind)
      throws Exception {
    open(kind);
    Path canary = home.resolve("canary");
    script(home.resolve("outside.sh"), "touch '" + canary + "'\n");
    Task escaping = task("..", "outside.sh", null);
    Task missing = task("jobs", "missing.py", null);
    Run escapingRun = claim(escaping);
    Run missingRun = claim(missing);

    launcher.launch(escaping, escapingRun, SESSION);
    launcher.launch(missing, missingRun, SESSION);

    // Refusals are recorded before launch returns.
    Run escaped = row(escapingRun);
    assertThat(escaped.getStatus()).isEqualTo("Failed");
    assertThat(escaped.getReason()).contains("ScriptFolder").contains("..");
    Run absent = row(missingRun);
    assertThat(absent.getStatus()).isEqualTo("Failed");
    assertThat(absent.getReason()).contains("missing.py");
    for (Run refused : List.of(escaped, absent)) {
      assertThat(refused.getStartedAt()).isNull();
      assertThat(refused.getOutputPath()).isNull();
      assertThat(refused.getExitCode()).isNull();
      assertThat(refused.getFinishedAt()).isNotNull();
      assertThat(new RunOutputs(config).read(refused, 1000).state())
          .isEqualTo(RunOutput.State.NOT_KEPT);
    }
    assertThat(canary).doesNotExist();
    assertThat(listener.started).isEmpty();
    assertThat(listener.ended).extracting(Run::getStatus).containsExactly("Failed", "Failed");
    assertThat(launcher.isRunning(escaping.getId())).isFalse();
    assertThat(launcher.isRunning(missing.getId())).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTimeoutKillsTheWholeTreeAndEndsTheRunAsTimeout(Kind kind) throws Exception {
    open(kind);
    treeScript();
    Task task = task("", "tree.sh", 2);
    Run run = claim(task);

    launcher.launch(task, run, SESSION);
    List<Long> pids = treePids(run);
    assertThat(launcher.isRunning(task.getId())).isTrue();
    Run done = awaitFinal(run);

    assertThat(done.getStatus()).isEqualTo("Timeout");
    assertThat(done.getReason()).isEqualTo("timed out after 2 s");
    assertThat(done.getDurationMs()).isGreaterThanOrEqualTo(2000);
    assertAllDeadWithinFiveSeconds(pids);
    assertThat(launcher.isRunning(task.getId())).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void killEndsTheWholeTreeAndTheRunAsKilled(Kind kind) throws Exception {
    open(kind);
    treeScript();
    Task task = task("", "tree.sh", null);
    Run run = claim(task);
    launcher.launch(task, run, SESSION);
    List<Long> pids = treePids(run);

    assertThat(launcher.kill(run.getId())).isTrue();
    Run done = awaitFinal(run);

    assertThat(done.getStatus()).isEqualTo("Killed");
    assertThat(done.getReason()).isEqualTo(ProcessLauncher.KILLED_REASON);
    assertThat(done.getFinishedAt()).isNotNull();
    assertAllDeadWithinFiveSeconds(pids);
    await().atMost(ROW_WAIT).until(() -> !launcher.isRunning(task.getId()));
    assertThat(launcher.kill(run.getId())).isFalse();
    assertThat(launcher.kill(987654)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stopAllLetsShortRunsFinishKillsTheRestAfterTheGraceAndLaunchesAgainAfterwards(Kind kind)
      throws Exception {
    open(kind);
    script("short.sh", "sleep 0.5\necho short done\n");
    script("long.sh", "echo long started\nsleep 300\n");
    Task shortTask = task("", "short.sh", null);
    Task longTask = task("", "long.sh", null);
    Run shortRun = claim(shortTask);
    Run longRun = claim(longTask);
    launcher.launch(shortTask, shortRun, SESSION);
    launcher.launch(longTask, longRun, SESSION);
    await().atMost(ROW_WAIT).until(() -> outputOf(longRun).contains("long started"));

    Instant stopping = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    launcher.stopAll(Duration.ofSeconds(2));

    // stopAll returns once every row is recorded.
    Run shortDone = row(shortRun);
    Run longDone = row(longRun);
    assertThat(shortDone.getStatus()).isEqualTo("Success");
    assertThat(longDone.getStatus()).isEqualTo("Killed");
    assertThat(longDone.getReason()).isEqualTo(ProcessLauncher.STOPPED_REASON);
    assertThat(longDone.getFinishedAt()).isAfterOrEqualTo(stopping.plusSeconds(2));
    assertThat(launcher.isRunning(shortTask.getId())).isFalse();
    assertThat(launcher.isRunning(longTask.getId())).isFalse();

    Run again = claim(shortTask);
    launcher.launch(shortTask, again, SESSION);
    assertThat(awaitFinal(again).getStatus()).isEqualTo("Success");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRowFinalisedByAnotherWriterIsNotOverwritten(Kind kind) throws Exception {
    open(kind);
    script("sleeper.sh", "echo sleeping\nsleep 300\n");
    Task task = task("", "sleeper.sh", null);
    Run run = claim(task);
    launcher.launch(task, run, SESSION);
    await().atMost(ROW_WAIT).until(() -> row(run).getStartedAt() != null);

    int changed =
        database.inTransaction(
            em ->
                em.createQuery(
                        "UPDATE Run r SET r.status = :lost, r.reason = :why WHERE r.id = :id")
                    .setParameter("lost", RunStatus.LOST.value())
                    .setParameter("why", "marked by someone else")
                    .setParameter("id", run.getId())
                    .executeUpdate());
    assertThat(changed).isEqualTo(1);
    assertThat(launcher.kill(run.getId())).isTrue();
    await().atMost(ROW_WAIT).until(() -> !launcher.isRunning(task.getId()));

    Run kept = row(run);
    assertThat(kept.getStatus()).isEqualTo("Lost");
    assertThat(kept.getReason()).isEqualTo("marked by someone else");
    assertThat(kept.getFinishedAt()).isNull();
    assertThat(kept.getExitCode()).isNull();
    assertThat(listener.ended).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theTaskRunAndSessionIdsArriveInTheScriptsEnvironment(Kind kind) throws Exception {
    open(kind);
    script(
        "env.py",
        String.join(
            "\n",
            "import os",
            "for k in ('TASK_SCHEDULER_TASK_ID', 'TASK_SCHEDULER_RUN_ID',"
                + " 'TASK_SCHEDULER_SESSION_ID'):",
            "    print(k + '=' + os.environ[k])",
            ""));
    Task task = task("", "env.py", null);
    Run run = claim(task);

    launcher.launch(task, run, SESSION);
    Run done = awaitFinal(run);

    assertThat(done.getStatus()).isEqualTo("Success");
    assertThat(new RunOutputs(config).read(done, 10_000).text())
        .isEqualTo(
            "TASK_SCHEDULER_TASK_ID="
                + task.getId()
                + "\nTASK_SCHEDULER_RUN_ID="
                + run.getId()
                + "\nTASK_SCHEDULER_SESSION_ID="
                + SESSION
                + "\n");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void fiftyMegabytesOnEachStreamEndAsSuccessWithTheStoredOutputCapped(Kind kind) throws Exception {
    open(kind);
    script(
        "flood.py",
        String.join(
            "\n",
            "import os",
            "out = b'o' * 65535 + b'\\n'",
            "err = b'e' * 65535 + b'\\n'",
            "for _ in range(800):",
            "    os.write(1, out)",
            "    os.write(2, err)",
            ""));
    Task task = task("", "flood.py", null);
    Run run = claim(task);

    launcher.launch(task, run, SESSION);
    Run done = awaitFinal(run);

    assertThat(done.getStatus()).isEqualTo("Success");
    assertThat(done.getExitCode()).isZero();
    Path file = Path.of(done.getOutputPath());
    String note = "[output truncated after 1000000 bytes]\n";
    assertThat(Files.size(file)).isEqualTo(1_000_000 + 1 + note.length());
    String tail = new RunOutputs(config).read(done, 200).text();
    assertThat(tail).startsWith("[first ").endsWith("\n" + note);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void outputReadingRefusesPathsOutsideTheOutputDirectory(Kind kind) throws Exception {
    open(kind);
    RunOutputs outputs = new RunOutputs(config);
    Path outputDir = Files.createDirectories(config.outputDir());
    Path secret = Files.writeString(home.resolve("secret.txt"), "top secret");
    Files.createSymbolicLink(outputDir.resolve("link.log"), secret);
    Files.writeString(outputDir.resolve("fine.log"), "fine output");
    Run run = claim(task("", "any.sh", null));

    for (String path :
        List.of(
            "/etc/passwd",
            secret.toString(),
            "../secret.txt",
            outputDir.resolve("../secret.txt").toString(),
            outputDir.resolve("link.log").toString())) {
      RunOutput output = outputs.read(withOutputPath(run, path), 1000);
      assertThat(output.state()).as(path).isEqualTo(RunOutput.State.REFUSED);
      assertThat(output.text()).as(path).doesNotContain("secret").doesNotContain("root:");
    }
    assertThat(outputs.read(withOutputPath(run, outputDir.resolve("gone.log").toString()), 10))
        .isEqualTo(
            new RunOutput(
                RunOutput.State.NOT_KEPT, "No output kept for this run (the output file is gone)"));
    assertThat(outputs.read(withOutputPath(run, null), 10).state())
        .isEqualTo(RunOutput.State.NOT_KEPT);
    assertThat(outputs.read(withOutputPath(run, outputDir.resolve("fine.log").toString()), 100))
        .isEqualTo(new RunOutput(RunOutput.State.KEPT, "fine output"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRunEndingWhileTheDatabaseIsDownIsRecordedOnceItIsBack(Kind kind) throws Exception {
    FlakyDataSource flaky = new FlakyDataSource(TestDatabases.fresh(kind));
    database = Database.open(flaky.proxy(), null);
    launcher =
        new ProcessLauncher(
            ProcessLauncher.settings(config),
            database,
            Clock.systemUTC(),
            listener,
            java.util.Collections.nCopies(50, Duration.ofMillis(100)));
    Path go = home.resolve("go");
    script("waits.sh", "while [ ! -e '" + go + "' ]; do sleep 0.05; done\necho went\nexit 4\n");
    Task task = task("", "waits.sh", null);
    Run run = claim(task);
    launcher.launch(task, run, SESSION);
    await().atMost(ROW_WAIT).until(() -> row(run).getStartedAt() != null);

    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(ProcessLauncher.class.getName());
    logger.addHandler(handler);
    try {
      flaky.failing.set(true);
      Files.writeString(go, "");
      // Two of the launcher's own attempts failed, not just the driver's internal retries.
      await()
          .atMost(ROW_WAIT)
          .until(() -> warnings.stream().anyMatch(m -> m.contains("failed (attempt 2)")));
      assertThat(flaky.refused.get()).isPositive();
      assertThat(launcher.isRunning(task.getId())).isTrue();
    } finally {
      flaky.failing.set(false);
      logger.removeHandler(handler);
    }

    Run done = awaitFinal(run);
    assertThat(done.getStatus()).isEqualTo("Failed");
    assertThat(done.getExitCode()).isEqualTo(4);
    await().atMost(ROW_WAIT).until(() -> !launcher.isRunning(task.getId()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void closeKillsWhatRunsRecordsItAndLeavesNoThreadBehind(Kind kind) throws Exception {
    open(kind);
    script("sleeper.sh", "echo sleeping\nsleep 300\n");
    Task task = task("", "sleeper.sh", null);
    Run run = claim(task);
    launcher.launch(task, run, SESSION);
    await().atMost(ROW_WAIT).until(() -> outputOf(run).contains("sleeping"));

    launcher.close();

    Run done = row(run);
    assertThat(done.getStatus()).isEqualTo("Killed");
    assertThat(done.getReason()).isEqualTo(ProcessLauncher.STOPPED_REASON);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(
                        t ->
                            t.isAlive()
                                && (t.getName().startsWith("task-launcher-")
                                    || t.getName().startsWith("task-scheduler-run-"))));

    // A closed launcher refuses, it does not throw.
    Run late = claim(task);
    launcher.launch(task, late, SESSION);
    assertThat(row(late).getStatus()).isEqualTo("Failed");
    assertThat(row(late).getReason()).contains("shut down");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aPreparedRunStartsOnlyWhenLaunchedAndIsRecordedAsADirectStartIs(Kind kind) throws Exception {
    open(kind);
    script("jobs/hello.sh", "touch started\necho hello from the script\n");
    Task task = task("jobs", "hello.sh", null);
    Run run = claim(task);

    Launcher.Prepared prepared = launcher.prepare(task, run, SESSION);

    assertThat(prepared).isNotNull();
    assertThat(scripts.resolve("jobs/started")).doesNotExist();
    assertThat(config.outputDir().resolve(run.getId() + ".log")).doesNotExist();
    assertThat(row(run).getStartedAt()).isNull();

    prepared.signal(task);
    prepared.launch(task);
    Run done = awaitFinal(run);

    assertThat(done.getStatus()).isEqualTo("Success");
    assertThat(done.getStartedAt()).isNotNull();
    assertThat(done.getOutputPath())
        .isEqualTo(config.outputDir().resolve(run.getId() + ".log").toString());
    assertThat(outputOf(run)).isEqualTo("hello from the script\n");
    assertThat(scripts.resolve("jobs/started")).exists();
    assertThat(listener.started).extracting(Run::getId).containsExactly(run.getId());
    assertThat(config.outputDir().resolve(run.getId() + ".log.pending")).doesNotExist();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aScriptRenamedAfterPreparingStartsAsRenamedAndThePreparedOneNeverRuns(Kind kind)
      throws Exception {
    open(kind);
    script("jobs/old.sh", "touch old-ran\n");
    script("jobs/new.sh", "echo the new script\n");
    Task task = task("jobs", "old.sh", null);
    Run run = claim(task);
    Launcher.Prepared prepared = launcher.prepare(task, run, SESSION);
    task.setScriptName("new.sh");

    prepared.signal(task);
    prepared.launch(task);

    assertThat(awaitFinal(run).getStatus()).isEqualTo("Success");
    assertThat(outputOf(run)).isEqualTo("the new script\n");
    assertThat(scripts.resolve("jobs/old-ran")).doesNotExist();
    assertThat(config.outputDir().resolve(run.getId() + ".log.pending")).doesNotExist();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aPreparedRunWhoseScriptIsGoneAtItsInstantIsRefusedWithTheUsualReason(Kind kind)
      throws Exception {
    open(kind);
    Path file = script("jobs/vanishing.py", "print('never')\n");
    Task task = task("jobs", "vanishing.py", null);
    Run run = claim(task);
    Launcher.Prepared prepared = launcher.prepare(task, run, SESSION);
    Files.delete(file);

    prepared.signal(task);
    prepared.launch(task);

    Run refused = row(run);
    assertThat(refused.getStatus()).isEqualTo("Failed");
    assertThat(refused.getReason()).contains("vanishing.py");
    assertThat(refused.getStartedAt()).isNull();
    assertThat(config.outputDir()).isEmptyDirectory();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void withPreparingTurnedOffNothingIsPreparedAndRunsStartAsBefore(Kind kind) throws Exception {
    open(TestDatabases.fresh(kind), false);
    script("jobs/hello.sh", "echo hi\n");
    Task task = task("jobs", "hello.sh", null);
    Run run = claim(task);

    assertThat(launcher.prepare(task, run, SESSION)).isNull();
    launcher.launch(task, run, SESSION);
    assertThat(awaitFinal(run).getStatus()).isEqualTo("Success");
  }

  // --- helpers ---

  private Task task(String folder, String name, Integer timeoutSeconds) {
    Task task = new Task();
    task.setEnable(true);
    task.setRunBy("alice");
    task.setRunHost("test-host");
    task.setScriptFolder(folder);
    task.setScriptName(name);
    task.setEvery("day");
    task.setAtTime("07:45");
    task.setToRunAsap(false);
    task.setTimeoutSeconds(timeoutSeconds);
    task.setInsertedAt(new Timestamps(config.zone()).toLegacy(Instant.now()));
    task.setInsertedBy("Alice");
    task.setInsertedHost("test-host");
    return new TaskRepository(database).insert(task);
  }

  /** The row the engine writes before it launches. */
  private Run claim(Task task) {
    Instant now = Instant.now();
    Run run = new Run();
    run.setScriptFile(task.getScriptName());
    run.setStatus(RunStatus.RUN);
    run.setSessionId("From_Java_Scheduler");
    run.setProd(true);
    run.setHeartbeatId(SESSION);
    run.setInsertedAt(new Timestamps(config.zone()).toLegacy(now));
    run.setInsertedBy("Alice");
    run.setInsertedHost("test-host");
    run.setTaskId(task.getId());
    run.setFireTime(now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(fires.incrementAndGet()));
    run.setTriggeredBy(Trigger.MANUAL);
    return database.inTransaction(
        em -> {
          em.persist(run);
          return run;
        });
  }

  private Run row(Run run) {
    return new RunRepository(database).find(run.getId()).orElseThrow();
  }

  private Run awaitFinal(Run run) {
    await().atMost(ROW_WAIT).until(() -> !row(run).getStatus().equals("Run"));
    return row(run);
  }

  private Run withOutputPath(Run run, String path) {
    database.inTransaction(
        em ->
            em.createQuery("UPDATE Run r SET r.outputPath = :path WHERE r.id = :id")
                .setParameter("path", path == null ? "" : path)
                .setParameter("id", run.getId())
                .executeUpdate());
    Run read = row(run);
    if (path == null) {
      read.setOutputPath(null);
    }
    return read;
  }

  private String outputOf(Run run) throws IOException {
    Path file = config.outputDir().resolve(run.getId() + ".log");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private Path script(String relative, String text) throws IOException {
    return script(scripts.resolve(relative), text);
  }

  private static Path script(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private void treeScript() throws IOException {
    script(
        "tree.sh",
        "bash -c 'for i in 1 2 3; do sleep 300 & echo \"grandchild $!\"; done; wait' &\n"
            + "echo \"child $!\"\n"
            + "wait\n");
  }

  /** The pids the tree script printed, plus the script's own (the parent of its child). */
  private List<Long> treePids(Run run) throws IOException {
    List<Long> pids = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              pids.clear();
              Matcher m = Pattern.compile("(?:grand)?child (\\d+)").matcher(outputOf(run));
              while (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
              }
              return pids.size() == 4;
            });
    Matcher child = Pattern.compile("(?m)^child (\\d+)").matcher(outputOf(run));
    assertThat(child.find()).isTrue();
    ProcessHandle.of(Long.parseLong(child.group(1)))
        .flatMap(ProcessHandle::parent)
        .ifPresent(script -> pids.add(script.pid()));
    assertThat(pids).hasSize(5).allMatch(ProcessLauncherTest::stillRunning);
    return pids;
  }

  private static void assertAllDeadWithinFiveSeconds(List<Long> pids) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(pids).noneMatch(ProcessLauncherTest::stillRunning));
  }

  /** Alive and not a zombie (an orphan killed in a container may stay a zombie for a while). */
  private static boolean stillRunning(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String text = Files.readString(stat);
      char state = text.charAt(text.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return !Files.exists(stat) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  private static final class Recorder implements RunListener {
    final List<Run> started = new CopyOnWriteArrayList<>();
    final List<Run> ended = new CopyOnWriteArrayList<>();

    @Override
    public void started(Run run) {
      started.add(run);
    }

    @Override
    public void ended(Run run) {
      ended.add(run);
    }
  }

  /** A data source that refuses connections while {@link #failing} is set. */
  private static final class FlakyDataSource {
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger refused = new AtomicInteger();
    private final DataSource target;

    FlakyDataSource(DataSource target) {
      this.target = target;
    }

    DataSource proxy() {
      return (DataSource)
          Proxy.newProxyInstance(
              DataSource.class.getClassLoader(),
              new Class<?>[] {DataSource.class},
              (self, method, args) -> {
                if (method.getName().equals("getConnection") && failing.get()) {
                  refused.incrementAndGet();
                  throw new SQLException("database unreachable (test)");
                }
                try {
                  return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}
