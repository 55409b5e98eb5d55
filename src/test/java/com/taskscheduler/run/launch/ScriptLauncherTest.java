package com.taskscheduler.run.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.taskscheduler.run.launch.RunOutcome.Ending;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptLauncherTest {

  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  private static final String INJECTION = "; touch canary3 && touch canary4 | touch canary5";

  @TempDir Path temp;
  private Path root;
  private Path outputDir;
  private ScriptLauncher launcher;

  @BeforeEach
  void createRoot() throws IOException {
    root = Files.createDirectories(temp.resolve("root"));
    outputDir = temp.resolve("out");
    launcher = new ScriptLauncher(settings(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void closeLauncher() {
    launcher.close();
  }

  private LauncherSettings settings() {
    return LauncherSettings.defaults(root, outputDir).withKillGrace(Duration.ofMillis(500));
  }

  private static RunOutcome outcomeOf(LaunchedRun run) throws Exception {
    return run.completion().get(60, TimeUnit.SECONDS);
  }

  @Test
  void aScriptInheritsTheEnvironmentButNotTheDashboardOrDatabasePassword() {
    Map<String, String> env = new HashMap<>();
    env.put("TASK_SCHEDULER_DASHBOARD_PASSWORD", "dash");
    env.put("DATABASE_PASSWORD", "db");
    env.put("DATABASE_CONNECTION_STRING", "mssql+pyodbc://u:p@h/{db}");
    env.put("PATH", "/usr/bin");

    ScriptLauncher.withholdSecrets(env);

    assertThat(env)
        .containsOnlyKeys("DATABASE_CONNECTION_STRING", "PATH")
        .containsEntry("DATABASE_CONNECTION_STRING", "mssql+pyodbc://u:p@h/{db}");
  }

  @Test
  void argvCwdAndEnvironmentReachThePythonScriptAsLiteralData() throws Exception {
    String folder = "we;ird && $(touch canary1) | `touch canary2` 'q' \"dq\"";
    String name = "pro;be && $(touch canary6) `touch canary7` 'x'.py";
    Path script =
        TestProcesses.writeScript(
            root.resolve(folder).resolve(name),
            String.join(
                "\n",
                "import os, sys",
                "print('ARGV=' + repr(sys.argv))",
                "print('CWD=' + repr(os.getcwd()))",
                "for k in ('TASK_SCHEDULER_TASK_ID', 'TASK_SCHEDULER_RUN_ID',",
                "          'TASK_SCHEDULER_SESSION_ID', 'PYTHONUNBUFFERED'):",
                "    print(k + '=' + repr(os.environ.get(k)))",
                "print('STDIN=' + repr(sys.stdin.read()))",
                ""));
    String session = "s1" + INJECTION + " $(touch canary8) `touch canary9` \"'\nsecond line";

    LaunchedRun run = launcher.launch(new LaunchRequest(42, 4711, session, folder, name, null));
    RunOutcome outcome = outcomeOf(run);

    assertThat(outcome).isEqualTo(new RunOutcome(Ending.EXITED, 0, NOW, false));
    assertThat(run.startedAt()).isEqualTo(NOW);
    assertThat(run.outputFile()).isEqualTo(outputDir.resolve("4711.log"));
    String output = Files.readString(run.outputFile());
    assertThat(output)
        .contains("ARGV=" + pyRepr(List.of(script.toRealPath().toString())))
        .contains("CWD=" + pyRepr(script.getParent().toRealPath().toString()))
        .contains("TASK_SCHEDULER_TASK_ID='42'")
        .contains("TASK_SCHEDULER_RUN_ID='4711'")
        .contains("TASK_SCHEDULER_SESSION_ID=" + pyRepr(session))
        .contains("PYTHONUNBUFFERED='1'")
        .contains("STDIN=''");
    assertNoCanary();
  }

  @Test
  void aBashScriptSeesItsRealPathAndFolderAndTheSessionIdVerbatim() throws Exception {
    String folder = "a|b;c&&d";
    Path script =
        TestProcesses.writeScript(
            root.resolve(folder).resolve("probe $(touch canary1).sh"),
            "printf '<%s>\\n' \"$0\" \"$PWD\" \"$TASK_SCHEDULER_SESSION_ID\" \"$#\"\n");
    String session = "x" + INJECTION + "\nline2";

    LaunchedRun run =
        launcher.launch(
            new LaunchRequest(1, 2, session, folder, "probe $(touch canary1).sh", null));

    assertThat(outcomeOf(run).exitCode()).isZero();
    assertThat(Files.readString(run.outputFile()))
        .isEqualTo(
            "<"
                + script.toRealPath()
                + ">\n<"
                + script.getParent().toRealPath()
                + ">\n<"
                + session
                + ">\n<0>\n");
    assertNoCanary();
  }

  @Test
  void exitCodeZeroAndThreeAreReportedAsExited() throws Exception {
    TestProcesses.writeScript(root.resolve("ok.sh"), "echo out\necho err >&2\nexit 0\n");
    TestProcesses.writeScript(root.resolve("three.py"), "import sys\nprint('bye')\nsys.exit(3)\n");

    LaunchedRun ok = launcher.launch(new LaunchRequest(1, 10, "s", null, "ok.sh", null));
    LaunchedRun three = launcher.launch(new LaunchRequest(1, 11, "s", "", "three.py", null));

    assertThat(outcomeOf(ok)).isEqualTo(new RunOutcome(Ending.EXITED, 0, NOW, false));
    assertThat(Files.readString(ok.outputFile())).isEqualTo("out\nerr\n");
    assertThat(outcomeOf(three)).isEqualTo(new RunOutcome(Ending.EXITED, 3, NOW, false));
    assertThat(Files.readString(three.outputFile())).isEqualTo("bye\n");
  }

  @Test
  void fiftyMegabytesOnEachStreamCompleteAndAreCappedWithANote() throws Exception {
    long cap = 1_000_000;
    launcher.close();
    launcher = new ScriptLauncher(settings().withOutputCapBytes(cap), Clock.systemUTC());
    TestProcesses.writeScript(
        root.resolve("flood.py"),
        String.join(
            "\n",
            "import os",
            "out = b'o' * 65535 + b'\\n'",
            "err = b'e' * 65535 + b'\\n'",
            "for _ in range(800):",
            "    os.write(1, out)",
            "    os.write(2, err)",
            ""));

    LaunchedRun run = launcher.launch(new LaunchRequest(1, 12, "s", "", "flood.py", null));
    RunOutcome outcome = outcomeOf(run);

    assertThat(outcome.ending()).isEqualTo(Ending.EXITED);
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.outputTruncated()).isTrue();
    byte[] stored = Files.readAllBytes(run.outputFile());
    String note = "\n" + OutputDrain.truncationNote(cap);
    assertThat(stored).hasSize((int) cap + note.length());
    assertThat(new String(stored, StandardCharsets.UTF_8)).endsWith(note);
    assertThat(OutputFiles.read(run.outputFile(), 100)).endsWith(note).startsWith("[first ");
  }

  @Test
  void aTimeoutKillsTheScriptAndAllItsGrandchildren() throws Exception {
    LaunchedRun run = launchTreeScript(13, Duration.ofSeconds(2), false);
    List<Long> pids = treePids(run);

    RunOutcome outcome = outcomeOf(run);

    assertThat(outcome.ending()).isEqualTo(Ending.TIMED_OUT);
    assertAllDeadWithinFiveSeconds(pids);
  }

  @Test
  void killEndsTheWholeTreeAndReportsKilled() throws Exception {
    LaunchedRun run = launchTreeScript(14, null, false);
    List<Long> pids = treePids(run);

    run.kill();

    assertThat(outcomeOf(run).ending()).isEqualTo(Ending.KILLED);
    assertAllDeadWithinFiveSeconds(pids);
  }

  @Test
  void processesIgnoringTheTerminationRequestAreKilledForciblyAfterTheGrace() throws Exception {
    LaunchedRun run = launchTreeScript(15, null, true);
    List<Long> pids = treePids(run);

    run.kill();

    assertThat(outcomeOf(run).ending()).isEqualTo(Ending.KILLED);
    assertAllDeadWithinFiveSeconds(pids);
  }

  @Test
  void closeKillsWhatStillRunsAndLeavesNoLauncherThreadBehind() throws Exception {
    LaunchedRun run = launchTreeScript(16, null, false);
    List<Long> pids = treePids(run);

    launcher.close();

    assertThat(run.completion()).isCompleted();
    assertThat(run.completion().get().ending()).isEqualTo(Ending.KILLED);
    assertAllDeadWithinFiveSeconds(pids);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("task-launcher-") && t.isAlive()));
  }

  @Test
  void aClosedLauncherRefusesNewRuns() throws Exception {
    TestProcesses.writeScript(root.resolve("ok.sh"), "echo ok\n");
    launcher.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> launcher.launch(new LaunchRequest(1, 17, "s", "", "ok.sh", null)))
        .isInstanceOf(LaunchRefusedException.class)
        .hasMessageContaining("shut down");
  }

  @Test
  void aMissingInterpreterIsARefusalNotACrash() throws Exception {
    launcher.close();
    launcher =
        new ScriptLauncher(
            settings().withPython(temp.resolve("no-such-python").toString()), Clock.systemUTC());
    TestProcesses.writeScript(root.resolve("x.py"), "print(1)\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> launcher.launch(new LaunchRequest(1, 18, "s", "", "x.py", null)))
        .isInstanceOf(LaunchRefusedException.class)
        .hasMessageContaining("Could not start x.py");
    assertThat(outputDir.resolve("18.log")).doesNotExist();
  }

  private LaunchedRun launchTreeScript(long runId, Duration timeout, boolean ignoreTerm)
      throws Exception {
    String trap = ignoreTerm ? "trap '' TERM\n" : "";
    TestProcesses.writeScript(
        root.resolve("tree.sh"),
        trap
            + "bash -c 'for i in 1 2 3; do sleep 300 & echo \"grandchild $!\"; done; wait' &\n"
            + "echo \"child $!\"\n"
            + "wait\n");
    return launcher.launch(new LaunchRequest(1, runId, "s", "", "tree.sh", timeout));
  }

  /** The script's own pid plus those it printed, once all four are known. */
  private static List<Long> treePids(LaunchedRun run) {
    List<Long> pids = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              pids.clear();
              pids.add(run.pid());
              Matcher m =
                  Pattern.compile("(?:grand)?child (\\d+)")
                      .matcher(Files.readString(run.outputFile()));
              while (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
              }
              return pids.size() == 5;
            });
    assertThat(pids).allMatch(TestProcesses::stillRunning);
    return pids;
  }

  private static void assertAllDeadWithinFiveSeconds(List<Long> pids) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(pids).noneMatch(TestProcesses::stillRunning));
  }

  private void assertNoCanary() throws IOException {
    try (Stream<Path> files = Files.walk(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.matches("canary\\d"));
    }
  }

  /** Python's repr of a str (or list of str) for the characters used in these tests. */
  private static String pyRepr(Object value) {
    if (value instanceof List) {
      List<String> parts = new ArrayList<>();
      for (Object o : (List<?>) value) {
        parts.add(pyRepr(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    String s = (String) value;
    boolean single = !s.contains("'") || s.contains("\"");
    String quote = single ? "'" : "\"";
    String body = s.replace("\\", "\\\\").replace("\n", "\\n");
    if (single) {
      body = body.replace("'", "\\'");
    }
    return quote + body + quote;
  }
}
