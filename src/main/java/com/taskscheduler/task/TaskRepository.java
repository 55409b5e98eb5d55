package com.taskscheduler.task;

import com.taskscheduler.db.Database;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Reads and writes task definitions. */
public final class TaskRepository {
  private static final Logger LOG = Logger.getLogger(TaskRepository.class.getName());
  private final Database database;

  public TaskRepository(Database database) {
    this.database = database;
  }

  /**
   * The task table's column widths by lower-cased name (see {@link Database#columnWidths}); empty
   * when the database will not say, and the API's own limits apply alone.
   */
  public Map<String, Integer> columnWidths() {
    try {
      return Map.copyOf(database.columnWidths("Task_Scheduler"));
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not read the widths of Task_Scheduler's columns: " + e, e);
      return Map.of();
    }
  }

  /**
   * The tasks of one scheduler identity. User and host compare case-insensitively: the Python tool
   * lower-cases RunBy, and Windows host names are case-insensitive.
   */
  public List<Task> forIdentity(String user, String host) {
    return database.read(
        em ->
            em.createQuery(
                    "SELECT t FROM Task t WHERE LOWER(t.runBy) = :user AND LOWER(t.runHost) = :host"
                        + " ORDER BY t.id",
                    Task.class)
                .setParameter("user", user.toLowerCase(Locale.ROOT))
                .setParameter("host", host.toLowerCase(Locale.ROOT))
                .getResultList());
  }

  /** As {@link #forIdentity}, as plain rows: for lists, which need no managed entities. */
  public List<TaskRow> rowsForIdentity(String user, String host) {
    return database.read(
        em ->
            em.createQuery(
                    TaskRow.SELECT
                        + " WHERE LOWER(t.runBy) = :user AND LOWER(t.runHost) = :host"
                        + " ORDER BY t.id",
                    TaskRow.class)
                .setParameter("user", user.toLowerCase(Locale.ROOT))
                .setParameter("host", host.toLowerCase(Locale.ROOT))
                .getResultList());
  }

  /** Every task, as plain rows. */
  public List<TaskRow> allRows() {
    return database.read(
        em -> em.createQuery(TaskRow.SELECT + " ORDER BY t.id", TaskRow.class).getResultList());
  }

  /**
   * Grows whenever tasks are written through this application (the API, the scheduler's claims and
   * flags); writes by other processes are not counted. See {@link Database#writeCount}.
   */
  public long writeCount() {
    return database.writeCount(Task.class);
  }

  public List<Task> all() {
    return database.read(
        em -> em.createQuery("SELECT t FROM Task t ORDER BY t.id", Task.class).getResultList());
  }

  public Optional<Task> find(int id) {
    return database.read(em -> Optional.ofNullable(em.find(Task.class, id)));
  }

  public Task insert(Task task) {
    return database.inTransaction(
        em -> {
          em.persist(task);
          return task;
        });
  }

  public long count() {
    return database.read(
        em -> em.createQuery("SELECT COUNT(t) FROM Task t", Long.class).getSingleResult());
  }

  /**
   * Applies {@code change} to the stored task in one transaction and returns what it returned;
   * empty if there is no such task.
   */
  public <T> Optional<T> update(int id, Function<Task, T> change) {
    return database.inTransaction(
        em -> {
          Task task = em.find(Task.class, id);
          return task == null ? Optional.<T>empty() : Optional.ofNullable(change.apply(task));
        });
  }

  /** Deletes the task (its history stays); returns it as it was, or empty if there was none. */
  public Optional<Task> delete(int id) {
    return database.inTransaction(
        em -> {
          Task task = em.find(Task.class, id);
          if (task == null) {
            return Optional.<Task>empty();
          }
          em.remove(task);
          return Optional.of(task);
        });
  }
}
