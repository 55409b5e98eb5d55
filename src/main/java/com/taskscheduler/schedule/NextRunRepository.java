package com.taskscheduler.schedule;

import com.taskscheduler.db.Database;
import java.time.LocalDateTime;
import java.util.List;

/** Reads and writes published next runs ({@code Task_Scheduled}). */
public final class NextRunRepository {
  private final Database database;

  public NextRunRepository(Database database) {
    this.database = database;
  }

  /** Rows published since {@code since} (local time), soonest next run first. */
  public List<NextRun> publishedSince(LocalDateTime since, int limit) {
    return database.read(
        em ->
            em.createQuery(
                    "SELECT n FROM NextRun n WHERE n.insertedAt >= :since"
                        + " ORDER BY n.nextRun ASC, n.id ASC",
                    NextRun.class)
                .setParameter("since", since)
                .setMaxResults(limit)
                .getResultList());
  }
}
