package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.Liveness;
import com.taskscheduler.run.RunStatus;
import java.time.Instant;
import java.util.Locale;

/**
 * Marks runs {@code Lost} whose scheduler died: our rows (TaskID set) of this identity still {@code
 * Run}, written by another session that has not heartbeated for {@link Liveness#SILENCE}. Python
 * rows (no TaskID) stay as they are: the Python tool never completes them.
 */
final class LostRuns {
  private final Database database;
  private final AppConfig config;
  private final Timestamps timestamps;

  LostRuns(Database database, AppConfig config, Timestamps timestamps) {
    this.database = database;
    this.config = config;
    this.timestamps = timestamps;
  }

  /** Returns how many runs were marked. */
  int markLost(String ownSession, Instant now) {
    String user = config.user().toLowerCase(Locale.ROOT);
    String host = config.host().toLowerCase(Locale.ROOT);
    return database.inTransaction(
        em ->
            em.createQuery(
                    "UPDATE Run r SET r.status = :lost, r.finishedAt = :now, r.reason = :reason"
                        + " WHERE r.status = :run AND r.taskId IS NOT NULL"
                        + " AND LOWER(r.insertedBy) = :user AND LOWER(r.insertedHost) = :host"
                        + " AND r.heartbeatId IS NOT NULL AND r.heartbeatId <> :own"
                        + " AND r.heartbeatId NOT IN (SELECT h.sessionId FROM Heartbeat h"
                        + "   WHERE h.sessionId IS NOT NULL AND h.insertedAt >= :since"
                        + "   AND LOWER(h.insertedBy) = :user AND LOWER(h.insertedHost) = :host)")
                .setParameter("lost", RunStatus.LOST.value())
                .setParameter("run", RunStatus.RUN.value())
                .setParameter("now", Timestamps.toUtc(now))
                .setParameter(
                    "reason", "its scheduler session stopped heartbeating before the run ended")
                .setParameter("user", user)
                .setParameter("host", host)
                .setParameter("own", ownSession)
                .setParameter("since", timestamps.toLegacy(now.minus(Liveness.SILENCE)))
                .executeUpdate());
  }
}
