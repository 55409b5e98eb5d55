package com.taskscheduler.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/** Prints result lines and appends them to target/bench/results.txt. */
public final class Report {
  private static final Path FILE = Path.of("target/bench/results.txt");

  private Report() {}

  public static void line(String text) {
    System.out.println(text);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          text + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void result(String metric, String target, String measured, boolean pass) {
    line(
        String.format(
            Locale.ROOT,
            "RESULT | %s | %s | %s | %s",
            metric,
            target,
            measured,
            pass ? "PASS" : "FAIL"));
  }

  /** The machine, as the docs report it. */
  public static void machine() {
    String cpu = "?";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse("?");
    } catch (IOException ignored) {
      // not Linux
    }
    line(
        "MACHINE | "
            + Instant.now()
            + " | cores="
            + Runtime.getRuntime().availableProcessors()
            + " | cpu="
            + cpu
            + " | load="
            + String.format(
                Locale.ROOT,
                "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
            + " | java="
            + System.getProperty("java.vm.name")
            + " "
            + Runtime.version()
            + " | maxHeap="
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + "MB");
  }
}
