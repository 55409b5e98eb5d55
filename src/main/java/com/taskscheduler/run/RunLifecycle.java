package com.taskscheduler.run;

import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves a run's row out of {@code Run}. Every change is a conditional UPDATE on {@code Status =
 * 'Run'}: its row count says whether this writer won, so a row another writer already finalised
 * (e.g. marked {@code Lost}) is never overwritten.
 */
public final class RunLifecycle {

  /** {@code Log_Task_Scheduler.Reason} is NVARCHAR(1000). */
  static final int REASON_LENGTH = 1000;

  private final Database database;

  public RunLifecycle(Database database) {
    this.database = database;
  }

  /**
   * Moves the run from {@code Run} to {@code ending}, writing the given non-null values with it.
   *
   * @return the row as stored after this transition, or empty when another writer had already moved
   *     the row out of {@code Run} (or it does not exist); theirs is kept
   * @throws IllegalStateException {@code ending} is not a state a run may end in
   */
  public Optional<Run> finish(int runId, Ending ending) {
    RunStatus status = RunStatus.RUN.moveTo(ending.status());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("status", status.value());
    // Null values are left out rather than written: binding a typeless NULL in an UPDATE is not
    // portable, and the row was written with these columns NULL anyway.
    putIfNotNull(set, "startedAt", Timestamps.toUtc(ending.startedAt()));
    putIfNotNull(set, "outputPath", ending.outputPath());
    putIfNotNull(set, "finishedAt", Timestamps.toUtc(ending.finishedAt()));
    putIfNotNull(set, "exitCode", ending.exitCode());
    putIfNotNull(set, "durationMs", ending.durationMs());
    putIfNotNull(set, "reason", truncate(ending.reason()));
    if (update(runId, set) != 1) {
      return Optional.empty();
    }
    return database.read(em -> Optional.ofNullable(em.find(Run.class, runId)));
  }

  /** A process start to record. */
  public record Start(int runId, Instant startedAt, String outputPath) {}

  /**
   * Records several starts in one transaction (a burst's starts cost one commit).
   *
   * @return the ids of runs whose row was no longer in {@code Run}; those rows are unchanged
   */
  public Set<Integer> markStarted(List<Start> starts) {
    return database.inTransaction(
        em -> {
          Set<Integer> missed = new HashSet<>();
          var query =
              em.createQuery(
                  "UPDATE Run r SET r.startedAt = :startedAt, r.outputPath = :outputPath"
                      + " WHERE r.id = :id AND r.status = :current");
          for (Start start : starts) {
            int updated =
                query
                    .setParameter("startedAt", Timestamps.toUtc(start.startedAt()))
                    .setParameter("outputPath", start.outputPath())
                    .setParameter("id", start.runId())
                    .setParameter("current", RunStatus.RUN.value())
                    .executeUpdate();
            if (updated != 1) {
              missed.add(start.runId());
            }
          }
          return missed;
        });
  }

  private int update(int runId, Map<String, Object> set) {
    String assignments =
        set.keySet().stream()
            .map(field -> "r." + field + " = :" + field)
            .collect(Collectors.joining(", "));
    return database.inTransaction(
        em -> {
          var query =
              em.createQuery(
                  "UPDATE Run r SET " + assignments + " WHERE r.id = :id AND r.status = :current");
          set.forEach(query::setParameter);
          return query
              .setParameter("id", runId)
              .setParameter("current", RunStatus.RUN.value())
              .executeUpdate();
        });
  }

  private static void putIfNotNull(Map<String, Object> set, String field, Object value) {
    if (value != null) {
      set.put(field, value);
    }
  }

  private static String truncate(String reason) {
    if (reason == null || reason.length() <= REASON_LENGTH) {
      return reason;
    }
    return reason.substring(0, REASON_LENGTH - 1) + "…";
  }

  /**
   * How a run ended; null values are not written.
   *
   * @param startedAt null when nothing started
   */
  public record Ending(
      RunStatus status,
      Instant startedAt,
      String outputPath,
      Instant finishedAt,
      Integer exitCode,
      Long durationMs,
      String reason) {

    /** Nothing was started: the run failed for {@code reason}. */
    public static Ending refused(Instant at, String reason) {
      return new Ending(RunStatus.FAILED, null, null, at, null, null, reason);
    }
  }
}
