package com.taskscheduler.audit;

import com.taskscheduler.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Records and lists audited actions. */
public final class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
  private static final int MAX_SHORT = 255;

  private final Database database;
  private final Clock clock;

  public AuditLog(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Records one action. A failure to write the audit row is logged, never thrown: the action it
   * describes has already happened.
   */
  public void record(
      String actor, String client, String operation, String target, String before, String after) {
    AuditEntry entry =
        new AuditEntry(
            clock.instant(),
            cut(actor == null ? "unknown" : actor),
            cut(client),
            operation,
            cut(target),
            before,
            after);
    try {
      database.inTransaction(
          em -> {
            em.persist(entry);
            return entry;
          });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Cannot write the audit row for " + operation + " " + target, e);
    }
  }

  /** The newest entries first. */
  public List<AuditEntry> newest(int offset, int limit) {
    return database.read(
        em ->
            em.createQuery(
                    "SELECT a FROM AuditEntry a ORDER BY a.occurredAt DESC, a.id DESC",
                    AuditEntry.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
  }

  public long count() {
    return database.read(
        em -> em.createQuery("SELECT COUNT(a) FROM AuditEntry a", Long.class).getSingleResult());
  }

  private static String cut(String value) {
    return value == null || value.length() <= MAX_SHORT ? value : value.substring(0, MAX_SHORT);
  }
}
