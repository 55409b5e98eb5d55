package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Purges old heartbeats, published next runs and (when configured) log rows in small batches, each
 * its own short transaction, so the shared database is never locked for long.
 */
final class Retention {
  static final int BATCH = 500;

  /** Batches per table per call; the rest waits for the next heartbeat. */
  static final int MAX_BATCHES = 20;

  private final Database database;
  private final AppConfig config;
  private final Timestamps timestamps;

  Retention(Database database, AppConfig config, Timestamps timestamps) {
    this.database = database;
    this.config = config;
    this.timestamps = timestamps;
  }

  /** Rows removed per table by one {@link #purge} call. */
  record Purged(int heartbeats, int nextRuns, int runs, int claims) {}

  Purged purge(String ownSession, Instant now) {
    int heartbeats =
        batches(
            "SELECT h.id FROM Heartbeat h WHERE h.insertedAt < :before ORDER BY h.id",
            "DELETE FROM Heartbeat h WHERE h.id IN :ids",
            cutoff(now, config.heartbeatRetention()),
            null);
    int nextRuns =
        batches(
            "SELECT n.id FROM NextRun n WHERE n.insertedAt < :before"
                + " AND (n.heartbeatId IS NULL OR n.heartbeatId <> :own) ORDER BY n.id",
            "DELETE FROM NextRun n WHERE n.id IN :ids",
            cutoff(now, config.scheduledRetention()),
            ownSession);
    int runs = 0;
    if (config.logRetention() != null) {
      runs =
          batches(
              "SELECT r.id FROM Run r WHERE r.insertedAt < :before"
                  + " AND NOT (r.status = '"
                  + RunStatus.RUN.value()
                  + "' AND r.heartbeatId = :own) ORDER BY r.id",
              "DELETE FROM Run r WHERE r.id IN :ids",
              cutoff(now, config.logRetention()),
              ownSession);
    }
    // A claim only guards a fire until the task's anchor has moved past it; a week is ample.
    int claims =
        batches(
            "SELECT c.id FROM FireClaim c WHERE c.fireTime < :before ORDER BY c.id",
            "DELETE FROM FireClaim c WHERE c.id IN :ids",
            Timestamps.toUtc(now.minus(config.scheduledRetention())),
            null);
    return new Purged(heartbeats, nextRuns, runs, claims);
  }

  private LocalDateTime cutoff(Instant now, Duration age) {
    return timestamps.toLegacy(now.minus(age));
  }

  private int batches(String select, String delete, LocalDateTime before, String own) {
    int total = 0;
    for (int i = 0; i < MAX_BATCHES; i++) {
      int removed =
          database.inTransaction(
              em -> {
                var query = em.createQuery(select, Integer.class).setParameter("before", before);
                if (own != null) {
                  query.setParameter("own", own);
                }
                List<Integer> ids = query.setMaxResults(BATCH).getResultList();
                if (ids.isEmpty()) {
                  return 0;
                }
                return em.createQuery(delete).setParameter("ids", ids).executeUpdate();
              });
      total += removed;
      if (removed < BATCH) {
        break;
      }
    }
    return total;
  }
}
