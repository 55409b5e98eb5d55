package com.taskscheduler.scheduler;

import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.schedule.NextRun;
import com.taskscheduler.task.Task;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Publishes a session's next fire times to {@code Task_Scheduled}: one row per (task, session),
 * updated in place when it changes. It remembers what it wrote, so a pass where nothing changed
 * writes nothing.
 */
final class NextRunPublisher {
  private final Database database;
  private final AppConfig config;
  private final Timestamps timestamps;
  private final String session;
  private final Map<Integer, Published> published = new HashMap<>();

  /** Set when this session's rows may be gone: the next publish writes them all again. */
  private volatile boolean rewrite;

  private record Published(LocalDateTime nextRun, String scriptName, String scriptFolder) {}

  NextRunPublisher(Database database, AppConfig config, Timestamps timestamps, String session) {
    this.database = database;
    this.config = config;
    this.timestamps = timestamps;
    this.session = session;
  }

  /** Brings the session's rows in line with {@code nextFires} (task id to next fire). */
  void publish(List<Task> tasks, Map<Integer, Instant> nextFires, Instant now) {
    if (rewrite) {
      rewrite = false;
      published.clear();
    }
    Map<Integer, Published> wanted = new HashMap<>();
    Map<Integer, Task> byId = new HashMap<>();
    for (Task task : tasks) {
      Instant next = nextFires.get(task.getId());
      if (next != null) {
        byId.put(task.getId(), task);
        wanted.put(
            task.getId(),
            new Published(timestamps.toLegacy(next), task.getScriptName(), task.getScriptFolder()));
      }
    }
    if (wanted.equals(published)) {
      return;
    }
    LocalDateTime insertedAt = timestamps.toLegacy(now);
    database.inTransaction(
        em -> {
          for (Integer gone : published.keySet()) {
            if (!wanted.containsKey(gone)) {
              em.createQuery("DELETE FROM NextRun n WHERE n.taskId = :id AND n.heartbeatId = :s")
                  .setParameter("id", gone)
                  .setParameter("s", session)
                  .executeUpdate();
            }
          }
          for (Map.Entry<Integer, Published> entry : wanted.entrySet()) {
            Published row = entry.getValue();
            if (Objects.equals(published.get(entry.getKey()), row)) {
              continue;
            }
            int updated =
                em.createQuery(
                        "UPDATE NextRun n SET n.nextRun = :next, n.scriptName = :name,"
                            + " n.scriptFolder = :folder, n.insertedAt = :at"
                            + " WHERE n.taskId = :id AND n.heartbeatId = :s")
                    .setParameter("next", row.nextRun())
                    .setParameter("name", row.scriptName())
                    .setParameter("folder", row.scriptFolder())
                    .setParameter("at", insertedAt)
                    .setParameter("id", entry.getKey())
                    .setParameter("s", session)
                    .executeUpdate();
            if (updated == 0) {
              Task task = byId.get(entry.getKey());
              NextRun n = new NextRun();
              n.setTaskId(task.getId());
              n.setScriptName(row.scriptName());
              n.setScriptFolder(row.scriptFolder());
              n.setRunBy(task.getRunBy());
              n.setRunHost(task.getRunHost());
              n.setNextRun(row.nextRun());
              n.setHeartbeatId(session);
              n.setInsertedAt(insertedAt);
              n.setInsertedBy(config.osUser());
              n.setInsertedHost(config.host());
              em.persist(n);
            }
          }
          return null;
        });
    published.clear();
    published.putAll(wanted);
  }

  /**
   * Removes the rows of the identity's other sessions, as this one starts scheduling: they come
   * from a session that stopped, died or now stands by (a Python one too), and would list each task
   * twice. A newer session may have removed this one's rows while it stood by, so they are all
   * written again.
   */
  void takeOver() {
    database.inTransaction(
        em ->
            em.createQuery(
                    "DELETE FROM NextRun n WHERE LOWER(n.runBy) = :user"
                        + " AND LOWER(n.runHost) = :host"
                        + " AND (n.heartbeatId IS NULL OR n.heartbeatId <> :s)")
                .setParameter("user", config.user().toLowerCase(Locale.ROOT))
                .setParameter("host", config.host().toLowerCase(Locale.ROOT))
                .setParameter("s", session)
                .executeUpdate());
    rewrite = true;
  }

  /** Removes this session's rows as it stops: it schedules nothing any more. */
  void withdraw() {
    database.inTransaction(
        em ->
            em.createQuery("DELETE FROM NextRun n WHERE n.heartbeatId = :s")
                .setParameter("s", session)
                .executeUpdate());
  }

  /**
   * Marks the session's rows as current, so readers that show recent rows and the retention purge
   * do not take a row that has not changed for days as stale.
   */
  void refresh(Instant now) {
    database.inTransaction(
        em ->
            em.createQuery("UPDATE NextRun n SET n.insertedAt = :at WHERE n.heartbeatId = :s")
                .setParameter("at", timestamps.toLegacy(now))
                .setParameter("s", session)
                .executeUpdate());
  }
}
