package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.run.Run;
import com.taskscheduler.run.RunStatus;
import com.taskscheduler.run.Trigger;
import com.taskscheduler.task.Task;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims fires in the database. A claim is one transaction: a conditional update of the task's
 * anchor whose row count decides the winner, then the run rows and their {@link FireClaim}s, whose
 * unique key on (TaskID, FireTime, TriggeredBy) backs it up: a losing insert rolls the whole claim
 * back.
 */
final class Claims {
  /** The session id column of our log rows, next to the Python tool's "From_Python_Scheduler". */
  static final String SESSION_ID = "From_Java_Scheduler";

  /**
   * Fires claimed ahead per transaction: a burst of 10,000 does not become one huge transaction.
   */
  static final int AHEAD_BATCH = 200;

  private final Database database;
  private final AppConfig config;
  private final Timestamps timestamps;

  Claims(Database database, AppConfig config, Timestamps timestamps) {
    this.database = database;
    this.config = config;
    this.timestamps = timestamps;
  }

  /** A row to write with a claim. */
  record Row(Instant fireTime, Trigger trigger, RunStatus status, String reason) {}

  /**
   * Moves the task's anchor from {@code previous} to {@code fire} and writes {@code rows}, or
   * writes nothing when another scheduler moved it first.
   *
   * @return the written rows, empty when the claim was lost
   */
  Optional<List<Run>> claimFire(
      Task task, Instant previous, Instant fire, List<Row> rows, String session, Instant now) {
    return claim(session, now, task, rows, em -> moveAnchor(em, task.getId(), previous, fire));
  }

  /** An on-time scheduled fire, claimed before its instant. */
  record Ahead(Task task, Instant previous, Instant fire) {}

  /**
   * Claims on-time fires before their instant, many per transaction, so a burst costs a few commits
   * instead of one each. Each task's conditional update still decides its own winner. The rows'
   * InsertedAt is the fire time: that is when the run belongs in the log. A unique-key conflict
   * rolls a batch back; it is then claimed one fire per transaction.
   *
   * @return the written run of each fire won, by task id
   */
  Map<Integer, Run> claimAhead(List<Ahead> fires, String session) {
    // One order in every scheduler: two batches over the same tasks wait, never deadlock.
    List<Ahead> sorted = new ArrayList<>(fires);
    sorted.sort(Comparator.comparing(a -> a.task().getId()));
    Map<Integer, Run> won = new LinkedHashMap<>();
    for (int from = 0; from < sorted.size(); from += AHEAD_BATCH) {
      List<Ahead> batch = sorted.subList(from, Math.min(sorted.size(), from + AHEAD_BATCH));
      try {
        won.putAll(database.inTransaction(em -> claimAhead(em, batch, session)));
      } catch (PersistenceException e) {
        if (!isUniqueViolation(e)) {
          throw e;
        }
        for (Ahead a : batch) {
          claimFire(a.task(), a.previous(), a.fire(), List.of(onTime(a)), session, a.fire())
              .ifPresent(runs -> won.put(a.task().getId(), runs.get(0)));
        }
      }
    }
    return won;
  }

  private Map<Integer, Run> claimAhead(EntityManager em, List<Ahead> batch, String session) {
    Map<Integer, Run> won = new LinkedHashMap<>();
    for (Ahead a : batch) {
      if (moveAnchor(em, a.task().getId(), a.previous(), a.fire()) == 1) {
        Run run = newRun(a.task(), onTime(a), session, a.fire());
        em.persist(run);
        won.put(a.task().getId(), run);
      }
    }
    em.flush();
    for (Run run : won.values()) {
      em.persist(
          new FireClaim(run.getTaskId(), run.getFireTime(), run.getTriggeredBy(), run.getId()));
    }
    em.flush();
    return won;
  }

  private static Row onTime(Ahead a) {
    return new Row(a.fire(), Trigger.SCHEDULE, RunStatus.RUN, null);
  }

  /**
   * Undoes a claim made ahead whose process never started (the scheduler stops, or the task was
   * edited, before the instant): its rows go and the anchor moves back, so the fire is left to
   * whichever scheduler runs at its instant, exactly as if it had never been claimed.
   *
   * @return false when the run had already started or been finalised; nothing is changed then
   */
  boolean release(int taskId, int runId, Instant previous, Instant fire) {
    return database.inTransaction(
        em -> {
          int deleted =
              em.createQuery(
                      "DELETE FROM Run r WHERE r.id = :id AND r.status = :run"
                          + " AND r.startedAt IS NULL")
                  .setParameter("id", runId)
                  .setParameter("run", RunStatus.RUN.value())
                  .executeUpdate();
          if (deleted != 1) {
            return false;
          }
          em.createQuery("DELETE FROM FireClaim f WHERE f.runId = :id")
              .setParameter("id", runId)
              .executeUpdate();
          moveAnchor(em, taskId, fire, previous);
          return true;
        });
  }

  /**
   * Takes over a fire a dead session claimed and never started, as this session's catch-up of it.
   * The row count decides, so two sessions sweeping at once cannot both take it.
   */
  boolean adopt(Run run, String session, Instant now) {
    return database.inTransaction(
            em ->
                em.createQuery(
                        "UPDATE Run r SET r.heartbeatId = :own, r.triggeredBy = :catchUp,"
                            + " r.reason = :reason WHERE r.id = :id AND r.status = :run"
                            + " AND r.startedAt IS NULL AND r.heartbeatId = :dead")
                    .setParameter("own", session)
                    .setParameter("catchUp", Trigger.CATCH_UP.value())
                    .setParameter(
                        "reason",
                        truncate(
                            "claimed by session "
                                + run.getHeartbeatId()
                                + ", which stopped before its fire time; caught up at "
                                + now,
                            1000))
                    .setParameter("id", run.getId())
                    .setParameter("run", RunStatus.RUN.value())
                    .setParameter("dead", run.getHeartbeatId())
                    .executeUpdate())
        == 1;
  }

  /**
   * Skips a run claimed ahead whose previous run is still going at its instant, as a fire found
   * running at its instant always is. Only a run whose process never started can be skipped.
   */
  boolean skipUnstarted(int runId, String reason) {
    return database.inTransaction(
            em ->
                em.createQuery(
                        "UPDATE Run r SET r.status = :skipped, r.reason = :reason"
                            + " WHERE r.id = :id AND r.status = :run AND r.startedAt IS NULL")
                    .setParameter("skipped", RunStatus.RUN.skipBeforeStart().value())
                    .setParameter("reason", truncate(reason, 1000))
                    .setParameter("id", runId)
                    .setParameter("run", RunStatus.RUN.value())
                    .executeUpdate())
        == 1;
  }

  /**
   * Moves the task's anchor from {@code from} to {@code to} (null: unset), if it is still there.
   */
  private static int moveAnchor(EntityManager em, int taskId, Instant from, Instant to) {
    Query update =
        em.createQuery(
            "UPDATE Task t SET t.lastFireTime = "
                + (to == null ? "NULL" : ":to")
                + " WHERE t.id = :id AND t.lastFireTime "
                + (from == null ? "IS NULL" : "= :from"));
    if (to != null) {
      update.setParameter("to", Timestamps.toUtc(to));
    }
    if (from != null) {
      update.setParameter("from", Timestamps.toUtc(from));
    }
    return update.setParameter("id", taskId).executeUpdate();
  }

  /** Clears the ASAP flag of an enabled task and writes the run, or nothing if already cleared. */
  Optional<Run> claimAsap(Task task, RunStatus status, String session, Instant now) {
    return claim(
            session,
            now,
            task,
            List.of(new Row(now, Trigger.ASAP, status, null)),
            em ->
                em.createQuery(
                        "UPDATE Task t SET t.toRunAsap = false"
                            + " WHERE t.id = :id AND t.toRunAsap = true AND t.enable = true")
                    .setParameter("id", task.getId())
                    .executeUpdate())
        .map(written -> written.get(0));
  }

  /** Writes a manual run (Run now): it does not move the schedule's anchor. */
  Optional<Run> claimManual(Task task, String session, Instant now) {
    return claim(
            session, now, task, List.of(new Row(now, Trigger.MANUAL, RunStatus.RUN, null)), em -> 1)
        .map(written -> written.get(0));
  }

  /** Sets the ASAP flag, for a Run now that another scheduler must carry out. */
  boolean flagAsap(int taskId) {
    return database.inTransaction(
            em ->
                em.createQuery("UPDATE Task t SET t.toRunAsap = true WHERE t.id = :id")
                    .setParameter("id", taskId)
                    .executeUpdate())
        == 1;
  }

  /** Fails a claimed run that the launcher could not take, so it does not stay {@code Run}. */
  void failUnlaunched(int runId, String reason, Instant now) {
    database.inTransaction(
        em ->
            em.createQuery(
                    "UPDATE Run r SET r.status = :failed, r.reason = :reason, r.finishedAt = :now"
                        + " WHERE r.id = :id AND r.status = :run")
                .setParameter("failed", RunStatus.FAILED.value())
                .setParameter("reason", truncate(reason, 1000))
                .setParameter("now", Timestamps.toUtc(now))
                .setParameter("id", runId)
                .setParameter("run", RunStatus.RUN.value())
                .executeUpdate());
  }

  private interface Condition {
    int apply(EntityManager em);
  }

  private Optional<List<Run>> claim(
      String session, Instant now, Task task, List<Row> rows, Condition condition) {
    try {
      return database.inTransaction(
          em -> {
            if (condition.apply(em) != 1) {
              return Optional.empty();
            }
            List<Run> written = new ArrayList<>(rows.size());
            for (Row row : rows) {
              Run run = newRun(task, row, session, now);
              em.persist(run);
              written.add(run);
            }
            em.flush();
            // The unique key of the fire: a second claim of it fails here and rolls back.
            for (Run run : written) {
              em.persist(
                  new FireClaim(
                      task.getId(), run.getFireTime(), run.getTriggeredBy(), run.getId()));
            }
            em.flush();
            return Optional.of(written);
          });
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Run newRun(Task task, Row row, String session, Instant now) {
    Run run = new Run();
    run.setTaskId(task.getId());
    run.setScriptFile(task.getScriptName());
    run.setStatus(row.status());
    run.setFireTime(row.fireTime());
    run.setTriggeredBy(row.trigger());
    run.setReason(truncate(row.reason(), 1000));
    run.setSessionId(SESSION_ID);
    run.setHeartbeatId(session);
    run.setProd(config.prod());
    run.setInsertedAt(timestamps.toLegacy(now));
    run.setInsertedBy(config.osUser());
    run.setInsertedHost(config.host());
    run.setTraceId(UUID.randomUUID().toString());
    return run;
  }

  static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        // Only a duplicate key: 23505 in PostgreSQL and H2; in SQL Server 23000 with error 2601
        // (unique index) or 2627 (unique constraint). Any other integrity error (a NOT NULL, a
        // foreign key) is a real failure, not a claim another scheduler won.
        if ("23505".equals(state)
            || "23000".equals(state)
                && (sql.getErrorCode() == 2601 || sql.getErrorCode() == 2627)) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
