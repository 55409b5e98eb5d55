package com.taskscheduler.run;

import com.taskscheduler.db.Database;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Aggregates over the execution history for the dashboard's cards and charts. Portable JPQL; every
 * range is on the indexed InsertedAt column (local wall-clock time, like the column).
 */
public final class RunStats {
  private final Database database;

  public RunStats(Database database) {
    this.database = database;
  }

  /** How many runs of one status were logged on one local day. */
  public record DayCount(LocalDate day, String status, long count) {}

  /** The last run of a task (by run ID), for the tasks list. */
  public record LastRun(int taskId, int runId, String status, LocalDateTime insertedAt) {}

  /** Runs logged at or after {@code since}, optionally only those with one of {@code statuses}. */
  public long countSince(LocalDateTime since, Collection<String> statuses) {
    return database.read(
        em -> {
          var query =
              em.createQuery(
                  "SELECT COUNT(r) FROM Run r WHERE r.insertedAt >= :since"
                      + (statuses == null ? "" : " AND r.status IN :statuses"),
                  Long.class);
          query.setParameter("since", since);
          if (statuses != null) {
            query.setParameter("statuses", statuses);
          }
          return query.getSingleResult();
        });
  }

  /**
   * Counts per status for each day from {@code first} to {@code last} inclusive: one grouped query
   * per day, so no database-specific date function is needed.
   */
  public List<DayCount> perDay(LocalDate first, LocalDate last) {
    return database.read(
        em -> {
          List<DayCount> counts = new ArrayList<>();
          var query =
              em.createQuery(
                  "SELECT r.status, COUNT(r) FROM Run r"
                      + " WHERE r.insertedAt >= :from AND r.insertedAt < :to GROUP BY r.status",
                  Object[].class);
          for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            query.setParameter("from", day.atStartOfDay());
            query.setParameter("to", day.plusDays(1).atStartOfDay());
            for (Object[] row : query.getResultList()) {
              counts.add(new DayCount(day, (String) row[0], ((Number) row[1]).longValue()));
            }
          }
          return counts;
        });
  }

  /** The newest run of every task that has runs logged with its TaskID. */
  public List<LastRun> lastRunPerTask() {
    return database.read(
        em ->
            em
                .createQuery(
                    "SELECT r FROM Run r WHERE r.id IN"
                        + " (SELECT MAX(q.id) FROM Run q WHERE q.taskId IS NOT NULL GROUP BY q.taskId)",
                    Run.class)
                .getResultList()
                .stream()
                .map(r -> new LastRun(r.getTaskId(), r.getId(), r.getStatus(), r.getInsertedAt()))
                .toList());
  }
}
