package com.taskscheduler.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this JVM spent between two wall-clock instants: CPU of the Java threads by name, of the JIT
 * compilers and of the garbage collector, and bytes allocated by Java thread name. A thread of its
 * own takes the two samples, so a window can bracket an instant at which the caller is busy (or not
 * the one doing the work). The JVM's own threads are seen through {@code /proc} (Linux only;
 * elsewhere only the Java threads are reported). A thread that starts and ends between the two
 * samples is in neither, so the figures are a floor: in a burst the engine's helper thread ({@code
 * Spawner}) does about half of the signalling and is mostly missing.
 */
public final class JvmWindow {
  private static final Path TASKS = Path.of("/proc/self/task");

  /** Threads that spent less are left out of the per-name list (they are in the totals). */
  private static final long MIN_LISTED_NANOS = 200_000;

  /** The same for allocation. */
  private static final long MIN_LISTED_BYTES = 10_000;

  private final Thread sampler;
  private volatile String summary = "not sampled";

  private JvmWindow(long fromEpochMillis, long toEpochMillis) {
    sampler =
        new Thread(
            () -> {
              try {
                sleepUntil(fromEpochMillis);
                Sample before = Sample.take();
                sleepUntil(toEpochMillis);
                summary = Sample.take().since(before);
              } catch (InterruptedException e) {
                summary = "interrupted";
              }
            },
            "bench-jvm-window");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling; the window's figures are ready once {@code toEpochMillis} has passed. */
  public static JvmWindow between(long fromEpochMillis, long toEpochMillis) {
    return new JvmWindow(fromEpochMillis, toEpochMillis);
  }

  /** One line: CPU ms by kind, then the Java threads' CPU and allocation by name. */
  public String summary() throws InterruptedException {
    sampler.join();
    return summary;
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long millis = epochMillis - System.currentTimeMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private record Sample(
      Map<Long, String> names,
      Map<Long, Long> javaCpu,
      Map<Long, Long> allocated,
      Map<String, Long> jvmCpuByKind) {

    static Sample take() {
      com.sun.management.ThreadMXBean mx =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long[] ids = mx.getAllThreadIds();
      Map<Long, String> names = new HashMap<>();
      for (ThreadInfo info : mx.getThreadInfo(ids)) {
        if (info != null) {
          names.put(info.getThreadId(), info.getThreadName().replaceAll("[- ]?[0-9]+$", ""));
        }
      }
      Map<Long, Long> cpu = new HashMap<>();
      Map<Long, Long> allocated = new HashMap<>();
      for (long id : ids) {
        cpu.put(id, mx.getThreadCpuTime(id));
        allocated.put(id, mx.getThreadAllocatedBytes(id));
      }
      return new Sample(names, cpu, allocated, jvmThreads());
    }

    /** CPU of every thread of the process by kind (JIT, GC, all), from the kernel's counters. */
    private static Map<String, Long> jvmThreads() {
      Map<String, Long> byKind = new HashMap<>();
      if (!Files.isDirectory(TASKS)) {
        return byKind;
      }
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
        for (Path task : tasks) {
          try {
            String comm = Files.readString(task.resolve("comm")).trim();
            long ns = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
            byKind.merge("all", ns, Long::sum);
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
              byKind.merge("jit", ns, Long::sum);
            } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
              byKind.merge("gc", ns, Long::sum);
            }
          } catch (IOException | RuntimeException e) {
            // the thread ended between the listing and the read
          }
        }
      } catch (IOException e) {
        return new HashMap<>();
      }
      return byKind;
    }

    String since(Sample before) {
      Map<String, Long> cpu = new TreeMap<>();
      Map<String, Long> bytes = new TreeMap<>();
      long cpuTotal = 0;
      long bytesTotal = 0;
      for (Map.Entry<Long, Long> e : javaCpu.entrySet()) {
        String name = names.getOrDefault(e.getKey(), "?");
        long ns = e.getValue() - before.javaCpu.getOrDefault(e.getKey(), 0L);
        long b = allocated.get(e.getKey()) - before.allocated.getOrDefault(e.getKey(), 0L);
        if (ns > 0) {
          cpu.merge(name, ns, Long::sum);
          cpuTotal += ns;
        }
        if (b > 0) {
          bytes.merge(name, b, Long::sum);
          bytesTotal += b;
        }
      }
      StringBuilder line = new StringBuilder();
      if (!jvmCpuByKind.isEmpty()) {
        line.append(
            String.format(
                Locale.ROOT,
                "CPU %.1f ms (JIT %.1f, GC %.1f, Java threads %.1f)",
                ms(delta(before, "all")),
                ms(delta(before, "jit")),
                ms(delta(before, "gc")),
                ms(cpuTotal)));
      } else {
        line.append(String.format(Locale.ROOT, "Java threads' CPU %.1f ms", ms(cpuTotal)));
      }
      line.append(" [");
      String sep = "";
      for (Map.Entry<String, Long> e : cpu.entrySet()) {
        if (e.getValue() >= MIN_LISTED_NANOS) {
          line.append(sep)
              .append(String.format(Locale.ROOT, "%s %.1f", e.getKey(), ms(e.getValue())));
          sep = ", ";
        }
      }
      line.append(String.format(Locale.ROOT, "]; allocated %.2f MB [", bytesTotal / 1e6));
      sep = "";
      for (Map.Entry<String, Long> e : bytes.entrySet()) {
        if (e.getValue() >= MIN_LISTED_BYTES) {
          line.append(sep)
              .append(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e6));
          sep = ", ";
        }
      }
      return line.append("]").toString();
    }

    private long delta(Sample before, String kind) {
      return jvmCpuByKind.getOrDefault(kind, 0L) - before.jvmCpuByKind.getOrDefault(kind, 0L);
    }

    private static double ms(long nanos) {
      return nanos / 1e6;
    }
  }
}
