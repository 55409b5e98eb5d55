package com.taskscheduler.run.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathRefusalTest {

  @TempDir Path temp;
  private Path root;
  private Path outputDir;
  private Path canary;
  private ScriptLauncher launcher;

  @BeforeEach
  void createScriptsRoot() throws IOException {
    root = Files.createDirectories(temp.resolve("root"));
    outputDir = temp.resolve("out");
    canary = temp.resolve("canary");
    Path outside = Files.createDirectories(temp.resolve("outside"));
    String evil = "#!/bin/bash\ntouch '" + canary + "'\n";
    TestProcesses.writeScript(outside.resolve("evil.sh"), evil);
    TestProcesses.writeScript(root.resolve("ok.sh"), "#!/bin/bash\necho ok\n");
    TestProcesses.writeScript(root.resolve("other.sh"), "#!/bin/bash\necho other\n");
    TestProcesses.writeScript(root.resolve("sub/ok.sh"), "#!/bin/bash\necho ok\n");
    Files.createDirectories(root.resolve("dir.py"));
    Files.createSymbolicLink(root.resolve("link-file.sh"), outside.resolve("evil.sh"));
    Files.createSymbolicLink(root.resolve("link-dir"), outside);
    Files.createSymbolicLink(root.resolve("sub/up"), temp);
    launcher = new ScriptLauncher(LauncherSettings.defaults(root, outputDir), Clock.systemUTC());
  }

  @AfterEach
  void closeLauncher() {
    launcher.close();
  }

  static Stream<Arguments> refusedPaths() {
    return Stream.of(
        Arguments.of(null, null, "ScriptName is empty"),
        Arguments.of("", "", "ScriptName is empty"),
        Arguments.of(" ", "   ", "ScriptName is empty"),
        Arguments.of("..", "evil.sh", "escapes the scripts root"),
        Arguments.of("../outside", "evil.sh", "escapes the scripts root"),
        Arguments.of("a/../../outside", "evil.sh", "escapes the scripts root"),
        Arguments.of("", "../outside/evil.sh", "escapes the scripts root"),
        Arguments.of("sub", "../../outside/evil.sh", "escapes the scripts root"),
        Arguments.of("", "..\\outside\\evil.sh", "escapes the scripts root"),
        Arguments.of("sub", "..", "escapes the scripts root"),
        Arguments.of("", "/etc/passwd", "not absolute"),
        Arguments.of("/etc", "passwd", "not absolute"),
        Arguments.of("", "\\\\server\\share\\x.bat", "not absolute"),
        Arguments.of("//server/share", "x.sh", "not absolute"),
        Arguments.of("", "C:\\x", "must not contain ':'"),
        Arguments.of("C:", "x.bat", "must not contain ':'"),
        Arguments.of("", "ok.sh:stream", "must not contain ':'"),
        Arguments.of("%2e%2e", "outside/evil.sh", "not found"),
        Arguments.of("", "%2e%2e%2foutside%2fevil.sh", "Script not found"),
        Arguments.of("", "..%2f..%2fetc%2fpasswd", "Script not found"),
        Arguments.of("", "ok\0.sh", "control character"),
        Arguments.of("sub\0", "ok.sh", "control character"),
        Arguments.of("", "ok.sh\n", "control character"),
        Arguments.of("sub\nx", "ok.sh", "control character"),
        Arguments.of("", "ok.sh\r", "control character"),
        Arguments.of("", "ok\u2028.sh", "control character"),
        Arguments.of("", "link-file.sh", "escapes the scripts root through a link"),
        Arguments.of("link-dir", "evil.sh", "escapes the scripts root through a link"),
        Arguments.of("sub/up", "outside/evil.sh", "escapes the scripts root through a link"),
        Arguments.of("", "dir.py", "is a directory"),
        Arguments.of("", "sub", "is a directory"),
        Arguments.of("", "missing.py", "Script not found"),
        Arguments.of("nope", "ok.sh", "Script folder not found"),
        Arguments.of("ok.sh", "x.sh", "not a directory"),
        Arguments.of("", "ok.sh/", "ends with a separator"),
        Arguments.of("", "...", "only dots"),
        Arguments.of("sub", ".. /ok.sh", "only dots"));
  }

  @ParameterizedTest(name = "[{index}] folder={0} name={1}")
  @MethodSource("refusedPaths")
  void aPathOutsideTheRootOrNotAFileIsRefusedWithAReasonAndNothingStarts(
      String folder, String name, String reason) {
    assertThatThrownBy(() -> launcher.launch(new LaunchRequest(1, 7, "s", folder, name, null)))
        .isInstanceOf(LaunchRefusedException.class)
        .hasMessageContaining(reason);
    assertThat(canary).doesNotExist();
    assertThat(outputDir.resolve("7.log")).doesNotExist();
  }

  @Test
  void refusalReasonsShowControlCharactersEscaped() {
    assertThatThrownBy(() -> launcher.launch(new LaunchRequest(1, 7, "s", "", "a\nb.sh", null)))
        .hasMessage("ScriptName contains a control character: a\\u000ab.sh");
  }

  @Test
  void aFileSwappedForALinkOutOfTheRootAfterValidationIsNotStarted() throws Exception {
    Path script = root.resolve("swap.sh");
    TestProcesses.writeScript(script, "#!/bin/bash\necho fine\n");
    ScriptLauncher swapping =
        new ScriptLauncher(
            LauncherSettings.defaults(root, outputDir),
            Clock.systemUTC(),
            validated -> {
              Files.delete(script);
              Files.createSymbolicLink(script, temp.resolve("outside/evil.sh"));
            });
    try (swapping) {
      assertThatThrownBy(() -> swapping.launch(new LaunchRequest(1, 8, "s", "", "swap.sh", null)))
          .isInstanceOf(LaunchRefusedException.class)
          .hasMessageContaining("escapes the scripts root through a link");
    }
    assertThat(canary).doesNotExist();
    assertThat(outputDir.resolve("8.log")).doesNotExist();
  }

  @Test
  void aFileSwappedForAnotherFileInsideTheRootAfterValidationIsNotStarted() throws Exception {
    Path script = root.resolve("swap.sh");
    TestProcesses.writeScript(script, "#!/bin/bash\necho fine\n");
    ScriptLauncher swapping =
        new ScriptLauncher(
            LauncherSettings.defaults(root, outputDir),
            Clock.systemUTC(),
            validated -> {
              Files.delete(script);
              Files.createSymbolicLink(script, root.resolve("other.sh"));
            });
    try (swapping) {
      assertThatThrownBy(() -> swapping.launch(new LaunchRequest(1, 9, "s", "", "swap.sh", null)))
          .isInstanceOf(LaunchRefusedException.class)
          .hasMessageContaining("changed between validation and start");
    }
  }

  @Test
  void revalidationSeesAFolderSwappedForALinkOutOfTheRoot() throws Exception {
    ScriptPathResolver resolver = new ScriptPathResolver(root);
    ResolvedScript validated = resolver.resolve("sub", "ok.sh");
    Path sub = root.resolve("sub");
    Files.move(sub, temp.resolve("moved-sub"));
    Files.createSymbolicLink(sub, temp.resolve("moved-sub"));
    assertThatThrownBy(() -> resolver.revalidate(validated))
        .isInstanceOf(LaunchRefusedException.class)
        .hasMessageContaining("escapes the scripts root through a link");
  }

  @Test
  void linksThatStayInsideTheRootResolveToTheirRealTarget() throws Exception {
    Files.createSymbolicLink(root.resolve("alias.sh"), root.resolve("sub/ok.sh"));
    ResolvedScript resolved = new ScriptPathResolver(root).resolve(null, "alias.sh");
    assertThat(resolved.realFile()).isEqualTo(root.toRealPath().resolve("sub/ok.sh"));
    assertThat(resolved.workingDir()).isEqualTo(root.toRealPath());
  }

  @Test
  void aBlankFolderMeansTheRootAndWindowsSeparatorsWorkEverywhere() throws Exception {
    ScriptPathResolver resolver = new ScriptPathResolver(root);
    assertThat(resolver.resolve("  ", "ok.sh").realFile())
        .isEqualTo(root.toRealPath().resolve("ok.sh"));
    assertThat(resolver.resolve("", "sub\\ok.sh").workingDir())
        .isEqualTo(root.toRealPath().resolve("sub"));
  }

  @Test
  void aMissingScriptsRootIsRefused() {
    ScriptPathResolver resolver = new ScriptPathResolver(temp.resolve("no-root"));
    assertThatThrownBy(() -> resolver.resolve("", "ok.sh"))
        .hasMessageContaining("The scripts root does not exist");
  }
}
