package com.taskscheduler.heartbeat;

import com.taskscheduler.db.Database;
import java.time.LocalDateTime;
import java.util.List;

/** Reads and writes heartbeats. */
public final class HeartbeatRepository {
  private final Database database;

  public HeartbeatRepository(Database database) {
    this.database = database;
  }

  /** The last heartbeat of one scheduler (user, host and environment). */
  public record LastHeartbeat(String user, String host, Boolean prod, LocalDateTime insertedAt) {}

  /** The last heartbeat of every scheduler that ever wrote one, most recent first. */
  public List<LastHeartbeat> lastPerScheduler() {
    return database.read(
        em ->
            em
                .createQuery(
                    "SELECT h.insertedBy, h.insertedHost, h.prod, MAX(h.insertedAt)"
                        + " FROM Heartbeat h GROUP BY h.insertedBy, h.insertedHost, h.prod"
                        + " ORDER BY MAX(h.insertedAt) DESC",
                    Object[].class)
                .getResultList()
                .stream()
                .map(
                    row ->
                        new LastHeartbeat(
                            (String) row[0],
                            (String) row[1],
                            (Boolean) row[2],
                            (LocalDateTime) row[3]))
                .toList());
  }

  public Heartbeat insert(Heartbeat heartbeat) {
    return database.inTransaction(
        em -> {
          em.persist(heartbeat);
          return heartbeat;
        });
  }
}
