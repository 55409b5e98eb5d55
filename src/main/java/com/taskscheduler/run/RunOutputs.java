package com.taskscheduler.run;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.run.launch.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Reads a run's stored output for the dashboard. OutputPath comes from the database, which other
 * tools and people can write, so only files that really lie inside the output directory are read.
 */
public final class RunOutputs {

  private static final Logger LOG = Logger.getLogger(RunOutputs.class.getName());

  private final Path outputDir;

  public RunOutputs(AppConfig config) {
    this(config.outputDir());
  }

  public RunOutputs(Path outputDir) {
    this.outputDir = outputDir.toAbsolutePath().normalize();
  }

  /** The last {@code maxBytes} bytes of the run's output, or why there is none to show. */
  public RunOutput read(Run run, long maxBytes) {
    String stored = run.getOutputPath();
    if (stored == null || stored.isBlank()) {
      return RunOutput.notKept("No output kept for this run");
    }
    Path file;
    try {
      file = outputDir.resolve(stored).normalize();
    } catch (InvalidPathException e) {
      return refuse(run, stored);
    }
    if (!file.startsWith(outputDir)) {
      return refuse(run, stored);
    }
    try {
      Path real = file.toRealPath();
      // A link inside the directory may still point out of it.
      if (!real.startsWith(outputDir.toRealPath())) {
        return refuse(run, stored);
      }
      if (!Files.isRegularFile(real)) {
        return RunOutput.notKept("No output kept for this run (not a file)");
      }
      return RunOutput.kept(OutputFiles.read(real, maxBytes));
    } catch (NoSuchFileException e) {
      return RunOutput.notKept("No output kept for this run (the output file is gone)");
    } catch (IOException e) {
      return RunOutput.notKept("The output of this run cannot be read: " + e.getMessage());
    }
  }

  private RunOutput refuse(Run run, String stored) {
    LOG.warning(
        () ->
            "Not showing output of run "
                + run.getId()
                + ": its OutputPath lies outside "
                + outputDir
                + ": "
                + stored);
    return new RunOutput(
        RunOutput.State.REFUSED,
        "Output not shown: the stored path lies outside the output directory");
  }

  /**
   * @param text the output when {@link State#KEPT}, otherwise a message saying why there is none
   */
  public record RunOutput(State state, String text) {
    public enum State {
      KEPT,
      NOT_KEPT,
      REFUSED
    }

    static RunOutput kept(String text) {
      return new RunOutput(State.KEPT, text);
    }

    static RunOutput notKept(String why) {
      return new RunOutput(State.NOT_KEPT, why);
    }
  }
}
