package com.taskscheduler.run;

import com.taskscheduler.db.Database;
import java.util.List;
import java.util.Optional;

/** Reads and writes runs (the execution log). */
public final class RunRepository {
  private final Database database;

  public RunRepository(Database database) {
    this.database = database;
  }

  /** The newest runs first. */
  public List<Run> newest(int limit) {
    return database.read(
        em ->
            em.createQuery("SELECT r FROM Run r ORDER BY r.insertedAt DESC, r.id DESC", Run.class)
                .setMaxResults(limit)
                .getResultList());
  }

  public Optional<Run> find(int id) {
    return database.read(em -> Optional.ofNullable(em.find(Run.class, id)));
  }
}
