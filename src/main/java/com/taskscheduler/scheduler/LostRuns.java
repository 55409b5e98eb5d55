package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.Liveness;
import com.taskscheduler.run.Run;
import com.taskscheduler.run.RunStatus;
import com.taskscheduler.run.Trigger;
import com.taskscheduler.run.launch.ScriptLauncher;
import jakarta.persistence.Query;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
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

  /** Rows of a dead session, still {@code Run}. */
  private static final String OF_DEAD_SESSIONS =
      " WHERE r.status = :run AND r.taskId IS NOT NULL"
          + " AND LOWER(r.insertedBy) = :user AND LOWER(r.insertedHost) = :host"
          + " AND r.heartbeatId IS NOT NULL AND r.heartbeatId <> :own"
          + " AND r.heartbeatId NOT IN (SELECT h.sessionId FROM Heartbeat h"
          + "   WHERE h.sessionId IS NOT NULL AND "
          + Liveness.RECENT
          + "   AND LOWER(h.insertedBy) = :user AND LOWER(h.insertedHost) = :host)";

  /**
   * Scheduled fires a dead session claimed ahead and never started: no StartedAt and no output file
   * (the launcher creates it before the process starts, on this host, which the identity fixes).
   * The engine may still catch them up.
   */
  List<Run> neverStarted(String ownSession, Instant now) {
    List<Run> rows =
        database.read(
            em ->
                bind(
                        em.createQuery(
                            "SELECT r FROM Run r"
                                + OF_DEAD_SESSIONS
                                + " AND r.startedAt IS NULL AND r.triggeredBy = :schedule"
                                + " ORDER BY r.id",
                            Run.class),
                        ownSession,
                        now)
                    .setParameter("schedule", Trigger.SCHEDULE.value())
                    .getResultList());
    return rows.stream()
        .filter(r -> !Files.exists(ScriptLauncher.outputFile(config.outputDir(), r.getId())))
        .toList();
  }

  /** Returns how many runs were marked. */
  int markLost(String ownSession, Instant now) {
    return database.inTransaction(
        em ->
            bind(
                    em.createQuery(
                        "UPDATE Run r SET r.status = :lost, r.finishedAt = :now, r.reason = :reason"
                            + OF_DEAD_SESSIONS),
                    ownSession,
                    now)
                .setParameter("lost", RunStatus.LOST.value())
                .setParameter("now", Timestamps.toUtc(now))
                .setParameter(
                    "reason", "its scheduler session stopped heartbeating before the run ended")
                .executeUpdate());
  }

  private <Q extends Query> Q bind(Q query, String ownSession, Instant now) {
    query
        .setParameter("run", RunStatus.RUN.value())
        .setParameter("user", config.user().toLowerCase(Locale.ROOT))
        .setParameter("host", config.host().toLowerCase(Locale.ROOT))
        .setParameter("own", ownSession)
        .setParameter("since", timestamps.toLegacy(now.minus(Liveness.SILENCE)))
        .setParameter("sinceUtc", Timestamps.toUtc(now.minus(Liveness.SILENCE)));
    return query;
  }
}
