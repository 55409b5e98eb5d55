package com.taskscheduler.run.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the interpreter by extension and builds the argument list. Works on strings, not {@link
 * Path}s, so Windows command lines can be built and tested on Linux.
 */
final class CommandBuilder {

  /** cmd.exe re-parses its command line, so these would let a file name inject commands. */
  private static final String CMD_METACHARACTERS = "&|<>^%!\"(),;\r\n";

  private final LauncherSettings settings;
  private final String java;

  CommandBuilder(LauncherSettings settings) {
    this(settings, currentJava());
  }

  CommandBuilder(LauncherSettings settings, String java) {
    this.settings = settings;
    this.java = java;
  }

  /** The command line that runs the script at {@code scriptPath} (already resolved and real). */
  List<String> command(String scriptPath) throws LaunchRefusedException {
    OperatingSystem os = settings.os();
    String extension = extension(scriptPath, os);
    if (extension.equals("bat") || extension.equals("cmd")) {
      refuseCmdMetacharacters(scriptPath);
    }
    List<String> command = new ArrayList<>(interpreter(extension, os));
    command.add(scriptPath);
    return List.copyOf(command);
  }

  List<String> interpreter(String extension, OperatingSystem os) throws LaunchRefusedException {
    List<String> override = settings.interpreterOverrides().get(extension);
    if (override != null) {
      return override;
    }
    switch (extension) {
      case "py":
        return List.of(python());
      case "sh":
        return List.of("bash");
      case "bat":
      case "cmd":
        return List.of("cmd.exe", "/c");
      case "ps1":
        // Windows PowerShell exists only on Windows; elsewhere PowerShell 7 is called pwsh.
        return List.of(
            os.isWindows() ? "powershell" : "pwsh",
            "-NoProfile",
            "-ExecutionPolicy",
            "Bypass",
            "-File");
      case "jar":
        return List.of(java, "-jar");
      default:
        return List.of();
    }
  }

  /** The configured Python, or the conda environment's when conda is configured. */
  String python() throws LaunchRefusedException {
    String activate = settings.condaActivateBinPath();
    if (activate == null || activate.isBlank()) {
      return settings.python();
    }
    return condaPython(activate, settings.condaEnvName(), settings.os());
  }

  /**
   * The python executable of a conda environment, derived from the activate script's path instead
   * of running {@code activate} (which would need a shell string).
   *
   * <p>The base directory is the activate script's directory's parent when that directory is {@code
   * bin}, {@code Scripts} or {@code condabin} ({@code /opt/conda/bin/activate}, {@code
   * C:\Miniconda3\Scripts\activate.bat}, {@code C:\Miniconda3\condabin\activate.bat} all give the
   * install directory); a path that names no activate script is taken as the base itself. Then
   * {@code base}/blank env → {@code <base>/bin/python} or {@code <base>\python.exe}; another env →
   * {@code <base>/envs/<env>/bin/python} or {@code <base>\envs\<env>\python.exe}.
   */
  static String condaPython(String activateBinPath, String envName, OperatingSystem os)
      throws LaunchRefusedException {
    String separator = os.isWindows() ? "\\" : "/";
    String splitOn = os.isWindows() ? "[/\\\\]" : "/";
    String path = activateBinPath.strip();
    List<String> parts = new ArrayList<>(List.of(path.split(splitOn, -1)));
    while (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1); // a trailing separator
    }
    String last = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
    if (last.startsWith("activate") && parts.size() > 1) {
      parts.remove(parts.size() - 1);
      String dir = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
      if ((dir.equals("bin") || dir.equals("scripts") || dir.equals("condabin"))
          && parts.size() > 1) {
        parts.remove(parts.size() - 1);
      }
    }
    String base = String.join(separator, parts);
    if (base.isEmpty()) {
      base = separator; // activate at /bin/activate: the base is the file system root
    }
    String prefix = base.endsWith(separator) ? base : base + separator;

    String env = envName == null ? "" : envName.strip();
    if (env.isEmpty() || env.equals("base")) {
      return os.isWindows() ? prefix + "python.exe" : prefix + "bin/python";
    }
    if (env.contains("/") || env.contains("\\") || env.equals(".") || env.equals("..")) {
      throw new LaunchRefusedException(
          "CONDA_ENV_NAME must be an environment name, not a path: " + env);
    }
    return os.isWindows()
        ? prefix + "envs\\" + env + "\\python.exe"
        : prefix + "envs/" + env + "/bin/python";
  }

  static String extension(String scriptPath, OperatingSystem os) {
    String[] parts = scriptPath.split(os.isWindows() ? "[/\\\\]" : "/");
    String name = parts.length == 0 ? "" : parts[parts.length - 1];
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static void refuseCmdMetacharacters(String scriptPath) throws LaunchRefusedException {
    for (int i = 0; i < scriptPath.length(); i++) {
      char c = scriptPath.charAt(i);
      if (CMD_METACHARACTERS.indexOf(c) >= 0) {
        throw new LaunchRefusedException(
            "A .bat/.cmd script path must not contain cmd.exe special characters"
                + " (& | < > ^ % ! \" ( ) , ;): "
                + ScriptPathResolver.printable(scriptPath));
      }
    }
  }

  /** The java that runs this JVM, so {@code .jar} scripts get the same runtime. */
  static String currentJava() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(
            () -> {
              String exe = OperatingSystem.current().isWindows() ? "java.exe" : "java";
              return Path.of(System.getProperty("java.home"), "bin", exe).toString();
            });
  }
}
