package com.taskscheduler.run.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the launcher needs from configuration (§8). Build one with {@link #defaults(Path, Path)} and
 * the {@code with…} methods.
 *
 * @param scriptsRoot every script must resolve (links followed) to a file inside this directory
 * @param python the interpreter for {@code .py} when no conda environment is configured
 * @param condaActivateBinPath {@code CONDA_ACTIVATE_BIN_PATH}, e.g. {@code /opt/conda/bin/activate}
 *     or {@code C:\Miniconda3\Scripts\activate.bat}; null or blank for none
 * @param condaEnvName {@code CONDA_ENV_NAME}; {@code base} or blank means the base environment
 * @param outputDir where {@code <runId>.log} files are written
 * @param outputCapBytes bytes of output kept per run; the rest is drained and discarded
 * @param interpreterOverrides extension (with or without the dot, any case) to the command prefix
 *     put before the script path; an empty list means "run the file itself"
 * @param os the system command lines are built for
 * @param killGrace how long a killed tree gets between the polite and the forcible kill; also how
 *     long output is still awaited after a script exited while something else holds its output open
 */
public record LauncherSettings(
    Path scriptsRoot,
    String python,
    String condaActivateBinPath,
    String condaEnvName,
    Path outputDir,
    long outputCapBytes,
    Map<String, List<String>> interpreterOverrides,
    OperatingSystem os,
    Duration killGrace) {

  public static final long DEFAULT_OUTPUT_CAP_BYTES = 10L * 1024 * 1024;
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(3);

  public LauncherSettings {
    Objects.requireNonNull(scriptsRoot, "scriptsRoot");
    Objects.requireNonNull(outputDir, "outputDir");
    os = os == null ? OperatingSystem.current() : os;
    python = python == null || python.isBlank() ? defaultPython(os) : python.strip();
    if (outputCapBytes < 0) {
      throw new IllegalArgumentException("outputCapBytes must not be negative: " + outputCapBytes);
    }
    interpreterOverrides = normalize(interpreterOverrides);
    killGrace =
        killGrace == null || killGrace.isNegative() || killGrace.isZero()
            ? DEFAULT_KILL_GRACE
            : killGrace;
  }

  /** The eight settings the engine knows about; the kill grace takes its default. */
  public LauncherSettings(
      Path scriptsRoot,
      String python,
      String condaActivateBinPath,
      String condaEnvName,
      Path outputDir,
      long outputCapBytes,
      Map<String, List<String>> interpreterOverrides,
      OperatingSystem os) {
    this(
        scriptsRoot,
        python,
        condaActivateBinPath,
        condaEnvName,
        outputDir,
        outputCapBytes,
        interpreterOverrides,
        os,
        DEFAULT_KILL_GRACE);
  }

  /** Python from §8's default, no conda, a 10 MB cap, no overrides, this machine's OS. */
  public static LauncherSettings defaults(Path scriptsRoot, Path outputDir) {
    return new LauncherSettings(
        scriptsRoot, null, null, null, outputDir, DEFAULT_OUTPUT_CAP_BYTES, Map.of(), null);
  }

  /** §8: {@code python3}, but {@code python} on Windows where python3 is rarely on the PATH. */
  public static String defaultPython(OperatingSystem os) {
    return os == OperatingSystem.WINDOWS ? "python" : "python3";
  }

  public LauncherSettings withPython(String newPython) {
    return new LauncherSettings(
        scriptsRoot,
        newPython,
        condaActivateBinPath,
        condaEnvName,
        outputDir,
        outputCapBytes,
        interpreterOverrides,
        os,
        killGrace);
  }

  public LauncherSettings withConda(String activateBinPath, String envName) {
    return new LauncherSettings(
        scriptsRoot,
        python,
        activateBinPath,
        envName,
        outputDir,
        outputCapBytes,
        interpreterOverrides,
        os,
        killGrace);
  }

  public LauncherSettings withOutputCapBytes(long cap) {
    return new LauncherSettings(
        scriptsRoot,
        python,
        condaActivateBinPath,
        condaEnvName,
        outputDir,
        cap,
        interpreterOverrides,
        os,
        killGrace);
  }

  public LauncherSettings withInterpreterOverrides(Map<String, List<String>> overrides) {
    return new LauncherSettings(
        scriptsRoot,
        python,
        condaActivateBinPath,
        condaEnvName,
        outputDir,
        outputCapBytes,
        overrides,
        os,
        killGrace);
  }

  public LauncherSettings withOs(OperatingSystem newOs) {
    // The default Python depends on the OS, so a defaulted one follows the new OS.
    String keptPython = python.equals(defaultPython(os)) ? null : python;
    return new LauncherSettings(
        scriptsRoot,
        keptPython,
        condaActivateBinPath,
        condaEnvName,
        outputDir,
        outputCapBytes,
        interpreterOverrides,
        newOs,
        killGrace);
  }

  public LauncherSettings withKillGrace(Duration grace) {
    return new LauncherSettings(
        scriptsRoot,
        python,
        condaActivateBinPath,
        condaEnvName,
        outputDir,
        outputCapBytes,
        interpreterOverrides,
        os,
        grace);
  }

  private static Map<String, List<String>> normalize(Map<String, List<String>> overrides) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (overrides != null) {
      overrides.forEach(
          (extension, command) -> {
            String key = extension.strip().toLowerCase(Locale.ROOT);
            key = key.startsWith(".") ? key.substring(1) : key;
            result.put(key, List.copyOf(command));
          });
    }
    return Map.copyOf(result);
  }
}
