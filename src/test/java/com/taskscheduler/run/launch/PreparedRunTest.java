package com.taskscheduler.run.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.taskscheduler.run.launch.RunOutcome.Ending;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A prepared run's process waits, runs nothing and has no output file until it is started; then it
 * is the script, started exactly as a direct start would start it.
 */
class PreparedRunTest {

  @TempDir Path temp;
  private Path root;
  private Path outputDir;
  private ScriptLauncher launcher;

  @BeforeEach
  void createRoot() throws IOException {
    root = Files.createDirectories(temp.resolve("root"));
    outputDir = temp.resolve("out");
    launcher = new ScriptLauncher(settings(), Clock.systemUTC());
  }

  @AfterEach
  void closeLauncher() {
    launcher.close();
  }

  private LauncherSettings settings() {
    return LauncherSettings.defaults(root, outputDir).withKillGrace(Duration.ofMillis(500));
  }

  private static LaunchRequest request(long runId, String script) {
    return new LaunchRequest(7, runId, "session-1", "jobs", script, null);
  }

  /** A script that leaves a marker, then prints what it was given. */
  private Path probe(String name) throws IOException {
    return TestProcesses.writeScript(
        root.resolve("jobs").resolve(name),
        "touch \"ran-$TASK_SCHEDULER_RUN_ID\"\n"
            + "printf '<%s>\\n' \"$0\" \"$PWD\" \"$$\" \"$TASK_SCHEDULER_TASK_ID\""
            + " \"$TASK_SCHEDULER_RUN_ID\" \"$TASK_SCHEDULER_SESSION_ID\" \"$(cat)\"\n");
  }

  private Path marker(long runId) {
    return root.resolve("jobs").resolve("ran-" + runId);
  }

  @Test
  void aPreparedRunRunsNothingUntilStartedAndThenIsTheScriptStartedAsADirectStartWould()
      throws Exception {
    Path script = probe("probe.sh");
    probe("direct.sh");

    PreparedRun prepared = launcher.prepare(request(21, "probe.sh")).orElseThrow();
    // A whole direct run meanwhile: time enough for a prepared script that did not wait to show.
    LaunchedRun direct = launcher.launch(request(22, "direct.sh"));
    direct.completion().get(30, TimeUnit.SECONDS);

    assertThat(marker(22)).exists();
    assertThat(marker(21)).doesNotExist();
    assertThat(outputDir.resolve("21.log")).doesNotExist();
    assertThat(outputDir.resolve("21.log.pending")).exists();

    LaunchedRun run = prepared.start(null);
    assertThat(run.completion().get(30, TimeUnit.SECONDS))
        .extracting(RunOutcome::ending, RunOutcome::exitCode)
        .containsExactly(Ending.EXITED, 0);
    assertThat(marker(21)).exists();
    assertThat(outputDir.resolve("21.log.pending")).doesNotExist();
    assertThat(run.outputFile()).isEqualTo(outputDir.resolve("21.log"));
    String jobs = script.getParent().toRealPath().toString();
    assertThat(Files.readString(run.outputFile()))
        .isEqualTo(
            "<"
                + script.toRealPath()
                + ">\n<"
                + jobs
                + ">\n<"
                + run.pid()
                + ">\n<7>\n<21>\n<session-1>\n<>\n");

    assertThat(Files.readString(direct.outputFile()))
        .isEqualTo(
            Files.readString(run.outputFile())
                .replace("probe.sh", "direct.sh")
                .replace("<" + run.pid() + ">", "<" + direct.pid() + ">")
                .replace("<21>", "<22>"));
  }

  @ParameterizedTest(name = "staged first: {0}")
  @ValueSource(booleans = {false, true})
  void aCancelledPreparedRunRunsNothingAndLeavesNoFileBehind(boolean staged) throws Exception {
    probe("probe.sh");
    PreparedRun prepared = launcher.prepare(request(23, "probe.sh")).orElseThrow();
    ProcessHandle waiting = prepared.process().toHandle();
    if (staged) {
      prepared.stage();
      assertThat(outputDir.resolve("23.log")).exists();
    }

    assertThat(prepared.cancel()).isTrue();

    await().atMost(Duration.ofSeconds(5)).until(() -> !waiting.isAlive());
    assertThat(marker(23)).doesNotExist();
    assertThat(outputDir.resolve("23.log")).doesNotExist();
    assertThat(outputDir.resolve("23.log.pending")).doesNotExist();
    assertThatThrownBy(() -> prepared.start(null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStagedRunHasItsOutputFileInPlaceRunsNothingUntilStartedAndThenRunsOnce() throws Exception {
    probe("probe.sh");
    PreparedRun prepared = launcher.prepare(request(26, "probe.sh")).orElseThrow();

    prepared.stage();
    prepared.stage(); // once is enough; again changes nothing

    assertThat(outputDir.resolve("26.log")).exists();
    assertThat(outputDir.resolve("26.log.pending")).doesNotExist();
    assertThat(prepared.process().isAlive()).isTrue();
    assertThat(marker(26)).doesNotExist();
    LaunchedRun run = prepared.start(null);
    assertThat(run.completion().get(30, TimeUnit.SECONDS).exitCode()).isZero();
    assertThat(marker(26)).exists();
  }

  @Test
  void aScriptReplacedByALinkOutOfTheRootIsRefusedWhenStagedAndNothingRuns() throws Exception {
    Path script = probe("probe.sh");
    Path outside = TestProcesses.writeScript(temp.resolve("outside.sh"), "touch escaped\n");
    PreparedRun prepared = launcher.prepare(request(28, "probe.sh")).orElseThrow();
    Files.delete(script);
    Files.createSymbolicLink(script, outside);

    assertThatThrownBy(prepared::stage).isInstanceOf(LaunchRefusedException.class);
    assertThatThrownBy(() -> prepared.start(null)).isInstanceOf(LaunchRefusedException.class);

    await().atMost(Duration.ofSeconds(5)).until(() -> !prepared.process().isAlive());
    assertThat(root.resolve("jobs").resolve("escaped")).doesNotExist();
    assertThat(outputDir.resolve("28.log")).doesNotExist();
    assertThat(outputDir.resolve("28.log.pending")).doesNotExist();
  }

  @Test
  void theWaitingShellRunsNothingWhenItsInputEndsWithoutTheSignal() throws Exception {
    // What happens when the JVM dies: its end of the pipe closes, nothing else is sent.
    Path dir = Files.createDirectories(temp.resolve("bare"));
    Process shell =
        new ProcessBuilder("/bin/sh", "-c", ScriptLauncher.WAIT_THEN_EXEC, "sh", "touch", "ran")
            .directory(dir.toFile())
            .start();
    shell.getOutputStream().close();

    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(shell.exitValue()).isNotZero();
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void aScriptEditedAfterPreparingRunsAsEdited() throws Exception {
    Path script = probe("probe.sh");
    PreparedRun prepared = launcher.prepare(request(24, "probe.sh")).orElseThrow();
    TestProcesses.writeScript(script, "echo edited\n");

    LaunchedRun run = prepared.start(null);

    run.completion().get(30, TimeUnit.SECONDS);
    assertThat(Files.readString(run.outputFile())).isEqualTo("edited\n");
  }

  @Test
  void aScriptReplacedByALinkOutOfTheRootAfterPreparingIsRefusedAtItsStartAndNothingRuns()
      throws Exception {
    Path script = probe("probe.sh");
    Path outside = TestProcesses.writeScript(temp.resolve("outside.sh"), "touch escaped\n");
    PreparedRun prepared = launcher.prepare(request(25, "probe.sh")).orElseThrow();
    Files.delete(script);
    Files.createSymbolicLink(script, outside);

    assertThatThrownBy(() -> prepared.start(null)).isInstanceOf(LaunchRefusedException.class);

    await().atMost(Duration.ofSeconds(5)).until(() -> !prepared.process().isAlive());
    assertThat(root.resolve("jobs").resolve("escaped")).doesNotExist();
    assertThat(marker(25)).doesNotExist();
    assertThat(outputDir.resolve("25.log")).doesNotExist();
    assertThat(outputDir.resolve("25.log.pending")).doesNotExist();
  }

  @Test
  void aRunWhoseInterpreterIsMissingIsNotPreparedSoItsStartRefusesItAsUsual() throws Exception {
    launcher.close();
    launcher =
        new ScriptLauncher(
            settings().withPython(temp.resolve("no-such-python").toString()), Clock.systemUTC());
    TestProcesses.writeScript(root.resolve("jobs").resolve("x.py"), "print(1)\n");

    assertThat(launcher.prepare(request(26, "x.py"))).isEmpty();
    assertThat(outputDir.resolve("26.log.pending")).doesNotExist();
  }

  @Test
  void aTimeoutGivenAtItsStartKillsThePreparedRunsWholeTree() throws Exception {
    TestProcesses.writeScript(
        root.resolve("jobs").resolve("tree.sh"), "sleep 300 &\necho \"child $!\"\nwait\n");
    PreparedRun prepared = launcher.prepare(request(27, "tree.sh")).orElseThrow();

    LaunchedRun run = prepared.start(Duration.ofSeconds(1));
    List<Long> pids = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Files.readString(run.outputFile()).startsWith("child "));
    pids.add(run.pid());
    pids.add(Long.parseLong(Files.readString(run.outputFile()).trim().substring(6)));

    assertThat(run.completion().get(30, TimeUnit.SECONDS).ending()).isEqualTo(Ending.TIMED_OUT);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(pids).noneMatch(TestProcesses::stillRunning));
  }

  @Test
  void closingTheLauncherEndsEveryPreparedProcessAndRefusesToStartThem() throws Exception {
    probe("probe.sh");
    List<PreparedRun> prepared = new ArrayList<>();
    for (long id = 30; id < 33; id++) {
      prepared.add(launcher.prepare(request(id, "probe.sh")).orElseThrow());
    }

    launcher.close();

    for (PreparedRun p : prepared) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !p.process().isAlive());
      assertThatThrownBy(() -> p.start(null)).isInstanceOf(IllegalStateException.class);
    }
    try (var files = Files.list(outputDir)) {
      assertThat(files).isEmpty();
    }
    assertThat(marker(30)).doesNotExist();
  }

  @Test
  void pendingFilesLeftByAKilledServerAreRemovedWhenALauncherStartsAndFreshOnesAreKept()
      throws Exception {
    launcher.close();
    Files.createDirectories(outputDir);
    Path stale = Files.writeString(outputDir.resolve("5.log.pending"), "");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
    Path fresh = Files.writeString(outputDir.resolve("6.log.pending"), "");
    Path oldOutput = Files.writeString(outputDir.resolve("7.log"), "kept");
    Files.setLastModifiedTime(oldOutput, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    launcher = new ScriptLauncher(settings(), Clock.systemUTC());

    await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(stale));
    assertThat(fresh).exists();
    assertThat(oldOutput).hasContent("kept");
  }

  @Test
  void aRunCaughtUpAfterItsServerDiedWhilePreparingItDoesNotLeaveThatServersPendingFileBehind()
      throws Exception {
    probe("probe.sh");
    Files.createDirectories(outputDir);
    Path leftover = Files.writeString(outputDir.resolve("8.log.pending"), "");

    LaunchedRun run = launcher.launch(request(8, "probe.sh"));
    run.completion().get(10, TimeUnit.SECONDS);

    assertThat(leftover).doesNotExist();
    assertThat(run.outputFile()).content().contains("<8>");
  }

  @Test
  void namesFullOfShellSyntaxReachThePreparedScriptAsLiteralArgumentsNeverAsShellCode()
      throws Exception {
    String folder = "we;ird && $(touch canary1) | `touch canary2` 'q' \"dq\"";
    String name = "pro;be $(touch canary3) `touch canary4` \"$HOME\" 'x'.sh";
    Path script =
        TestProcesses.writeScript(
            root.resolve(folder).resolve(name), "printf '<%s>\\n' \"$0\" \"$PWD\" \"$#\"\n");

    PreparedRun prepared =
        launcher.prepare(new LaunchRequest(1, 40, "s", folder, name, null)).orElseThrow();
    LaunchedRun run = prepared.start(null);

    run.completion().get(30, TimeUnit.SECONDS);
    assertThat(Files.readString(run.outputFile()))
        .isEqualTo(
            "<" + script.toRealPath() + ">\n<" + script.getParent().toRealPath() + ">\n<0>\n");
    try (var files = Files.walk(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("canary"));
    }
  }
}
