package com.taskscheduler.run.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandBuilderTest {

  private static final String JAVA = "C:\\jdk17\\bin\\java.exe";

  private static CommandBuilder windows(LauncherSettings settings) {
    return new CommandBuilder(settings.withOs(OperatingSystem.WINDOWS), JAVA);
  }

  private static LauncherSettings settings() {
    return LauncherSettings.defaults(Path.of("scripts"), Path.of("out"));
  }

  @Test
  void windowsPythonUsesPythonNotPython3() throws Exception {
    assertThat(windows(settings()).command("C:\\scripts\\job.py"))
        .containsExactly("python", "C:\\scripts\\job.py");
  }

  @Test
  void windowsBatchAndCmdRunThroughCmdSlashC() throws Exception {
    assertThat(windows(settings()).command("C:\\scripts\\job.bat"))
        .containsExactly("cmd.exe", "/c", "C:\\scripts\\job.bat");
    assertThat(windows(settings()).command("C:\\scripts\\JOB.CMD"))
        .containsExactly("cmd.exe", "/c", "C:\\scripts\\JOB.CMD");
  }

  @Test
  void windowsPowerShellRunsWithoutProfileAndBypassesThePolicy() throws Exception {
    assertThat(windows(settings()).command("C:\\scripts\\job.ps1"))
        .containsExactly(
            "powershell",
            "-NoProfile",
            "-ExecutionPolicy",
            "Bypass",
            "-File",
            "C:\\scripts\\job.ps1");
  }

  @Test
  void jarsRunOnTheJvmsOwnJava() throws Exception {
    assertThat(windows(settings()).command("C:\\scripts\\tool.jar"))
        .containsExactly(JAVA, "-jar", "C:\\scripts\\tool.jar");
    assertThat(new CommandBuilder(settings().withOs(OperatingSystem.LINUX)).command("/s/tool.jar"))
        .containsExactly(CommandBuilder.currentJava(), "-jar", "/s/tool.jar");
  }

  @Test
  void executablesAndUnknownExtensionsRunThemselves() throws Exception {
    assertThat(windows(settings()).command("C:\\scripts\\tool.exe"))
        .containsExactly("C:\\scripts\\tool.exe");
    assertThat(new CommandBuilder(settings().withOs(OperatingSystem.LINUX)).command("/s/tool"))
        .containsExactly("/s/tool");
  }

  @Test
  void linuxShellScriptsRunThroughBashAndPythonThroughPython3() throws Exception {
    CommandBuilder linux = new CommandBuilder(settings().withOs(OperatingSystem.LINUX));
    assertThat(linux.command("/s/a b.sh")).containsExactly("bash", "/s/a b.sh");
    assertThat(linux.command("/s/job.PY")).containsExactly("python3", "/s/job.PY");
    assertThat(linux.command("/s/job.ps1").get(0)).isEqualTo("pwsh");
  }

  @Test
  void overridesReplaceTheDefaultInterpreterWhateverTheCaseOfTheExtension() throws Exception {
    LauncherSettings custom =
        settings()
            .withOs(OperatingSystem.LINUX)
            .withInterpreterOverrides(
                Map.of(".PY", List.of("/opt/py311/bin/python", "-X", "utf8"), "exe", List.of()));
    CommandBuilder builder = new CommandBuilder(custom);
    assertThat(builder.command("/s/job.py"))
        .containsExactly("/opt/py311/bin/python", "-X", "utf8", "/s/job.py");
    assertThat(builder.command("/s/x.exe")).containsExactly("/s/x.exe");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "C:\\scripts\\a&calc.bat",
        "C:\\scripts\\a|b.bat",
        "C:\\scripts\\a>b.cmd",
        "C:\\scripts\\a<b.bat",
        "C:\\scripts\\a^b.bat",
        "C:\\scripts\\%PATH%.bat",
        "C:\\scripts\\!x!.bat",
        "C:\\scripts\\a\"b.bat",
        "C:\\Program Files (x86)\\job.bat",
        "C:\\scripts\\a,b.cmd",
        "C:\\scripts\\a;b.cmd",
        "C:\\scripts\\a\nb.bat"
      })
  void batchFilesWithCmdMetacharactersAreRefused(String path) {
    assertThatThrownBy(() -> windows(settings()).command(path))
        .isInstanceOf(LaunchRefusedException.class)
        .hasMessageContaining("cmd.exe special characters");
  }

  @Test
  void metacharactersAreFineOutsideBatchFilesBecauseNoShellParsesThem() throws Exception {
    assertThat(windows(settings()).command("C:\\scripts\\a&b (1).py"))
        .containsExactly("python", "C:\\scripts\\a&b (1).py");
  }

  @Test
  void condaEnvironmentOnLinuxIsFoundUnderEnvsBesideTheActivateScriptsBin() throws Exception {
    assertThat(CommandBuilder.condaPython("/opt/conda/bin/activate", "etl", OperatingSystem.LINUX))
        .isEqualTo("/opt/conda/envs/etl/bin/python");
    assertThat(
            CommandBuilder.condaPython(
                "/home/u/miniconda3/bin/activate", "base", OperatingSystem.MAC))
        .isEqualTo("/home/u/miniconda3/bin/python");
    assertThat(CommandBuilder.condaPython("/opt/conda/", " ", OperatingSystem.LINUX))
        .isEqualTo("/opt/conda/bin/python");
  }

  @Test
  void condaEnvironmentOnWindowsHasPythonExeAtTheEnvironmentsTop() throws Exception {
    assertThat(
            CommandBuilder.condaPython(
                "C:\\Miniconda3\\Scripts\\activate.bat", "etl", OperatingSystem.WINDOWS))
        .isEqualTo("C:\\Miniconda3\\envs\\etl\\python.exe");
    assertThat(
            CommandBuilder.condaPython(
                "C:/ProgramData/Anaconda3/condabin/activate.bat", "base", OperatingSystem.WINDOWS))
        .isEqualTo("C:\\ProgramData\\Anaconda3\\python.exe");
  }

  @Test
  void condaSettingsPickThePythonForPyScripts() throws Exception {
    LauncherSettings conda =
        settings().withOs(OperatingSystem.WINDOWS).withConda("D:\\conda\\Scripts\\activate", "ml");
    assertThat(new CommandBuilder(conda, JAVA).command("C:\\s\\x.py"))
        .containsExactly("D:\\conda\\envs\\ml\\python.exe", "C:\\s\\x.py");
  }

  @Test
  void condaEnvironmentNamesThatArePathsAreRefused() {
    assertThatThrownBy(
            () ->
                CommandBuilder.condaPython(
                    "/opt/conda/bin/activate", "../x", OperatingSystem.LINUX))
        .isInstanceOf(LaunchRefusedException.class)
        .hasMessageContaining("CONDA_ENV_NAME");
  }
}
