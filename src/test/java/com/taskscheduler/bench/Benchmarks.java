package com.taskscheduler.bench;

import com.taskscheduler.scheduler.SchedulerBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code mvn -Pbench test-compile exec:exec -Dbench=<names>}: runs the named
 * benchmarks (comma-separated; {@code all} for every one but the chaos run) and appends result
 * lines to target/bench/results.txt.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    List<String> names = Arrays.asList((args.length == 0 ? "all" : args[0]).split(","));
    boolean all = names.contains("all");
    if (args.length > 1) {
      for (String setting : args[1].split(",")) {
        String[] kv = setting.split("=", 2);
        System.setProperty(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
      }
    }
    Path home = Files.createTempDirectory("task-scheduler-bench");
    Report.machine();
    SchedulerBench scheduler = new SchedulerBench(home);
    if (all || names.contains("firelag")) {
      scheduler.fireLag(Integer.getInteger("bench.firelag.seconds", 90));
    }
    if (all || names.contains("burst")) {
      scheduler.burst(100, Integer.getInteger("bench.burst.rounds", 6));
    }
    if (all || names.contains("throughput")) {
      scheduler.throughput(300, Integer.getInteger("bench.throughput.rounds", 8));
    }
    if (all || names.contains("idle")) {
      scheduler.idleStatements(10, 1_000, 10_000);
    }
    if (all || names.contains("heap")) {
      new HeapBench(home).run(10_000);
    }
    if (all || names.contains("http")) {
      HttpBench http = new HttpBench(home);
      http.tasksVsStatic(1_000, 3, 10);
    }
    if (all || names.contains("runnow")) {
      new HttpBench(home).runNow(Integer.getInteger("bench.runnow.repetitions", 60));
    }
    if (all || names.contains("history")) {
      new HistoryBench(home).run(Integer.getInteger("bench.history.rows", 1_000_000), 20);
    }
    if (names.contains("chaos")) {
      new ChaosBench(home).run();
    }
    System.exit(0);
  }
}
