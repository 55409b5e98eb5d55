package com.taskscheduler.heartbeat;

import com.taskscheduler.db.Database;
import com.taskscheduler.db.Timestamps;
import jakarta.persistence.EntityManager;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which scheduler sessions of one identity are alive, judged by their heartbeats. Python schedulers
 * write the same rows, so they count the same (SPEC §5).
 */
public final class Liveness {
  /** A session with no heartbeat for this long is gone, for us and for the Python tool. */
  public static final java.time.Duration SILENCE = java.time.Duration.ofMinutes(3);

  private final Database database;

  public Liveness(Database database) {
    this.database = database;
  }

  /**
   * JPQL: heartbeat {@code h} was written at or after the parameters {@code sinceUtc} and, for rows
   * without BeatAt (the Python tool's), {@code since} in local time. Our own rows compare in UTC:
   * in the hour the autumn change repeats, a local time cannot tell a heartbeat from one written an
   * hour earlier.
   */
  public static final String RECENT =
      "(h.beatAt >= :sinceUtc OR (h.beatAt IS NULL AND h.insertedAt >= :since))";

  /** Session ids of {@code user}@{@code host} with a heartbeat at or after {@code since}. */
  public List<String> sessionsSince(
      String user, String host, Instant since, LocalDateTime sinceLocal) {
    return database.read(
        em ->
            em.createQuery(
                    "SELECT DISTINCT h.sessionId FROM Heartbeat h"
                        + " WHERE LOWER(h.insertedBy) = :user AND LOWER(h.insertedHost) = :host"
                        + " AND "
                        + RECENT
                        + " AND h.sessionId IS NOT NULL",
                    String.class)
                .setParameter("user", user.toLowerCase(Locale.ROOT))
                .setParameter("host", host.toLowerCase(Locale.ROOT))
                .setParameter("sinceUtc", Timestamps.toUtc(since))
                .setParameter("since", sinceLocal)
                .getResultList());
  }

  /**
   * Up to when the other sessions of {@code user}@{@code host} are known to have scheduled: for
   * this product's sessions the last complete engine pass their heartbeats report (PassedAt; none
   * before a session's first pass or while it stands by), for the Python tool's the last heartbeat
   * (it schedules while it heartbeats). A heartbeat of ours alone proves only that the session
   * lived.
   *
   * @param fromLegacy reads the Python rows' local InsertedAt
   */
  public Optional<Instant> scheduledByOthersUntil(
      String user, String host, String ours, Function<LocalDateTime, Instant> fromLegacy) {
    return database.read(
        em -> {
          LocalDateTime passed = latest(em, "h.passedAt", "h.beatAt IS NOT NULL", user, host, ours);
          LocalDateTime python = latest(em, "h.insertedAt", "h.beatAt IS NULL", user, host, ours);
          Instant ourUntil = Timestamps.fromUtc(passed);
          Instant pythonUntil = python == null ? null : fromLegacy.apply(python);
          if (ourUntil == null || (pythonUntil != null && pythonUntil.isAfter(ourUntil))) {
            return Optional.ofNullable(pythonUntil);
          }
          return Optional.of(ourUntil);
        });
  }

  /** The latest {@code column} of the other sessions' heartbeats that satisfy {@code rows}. */
  private static LocalDateTime latest(
      EntityManager em, String column, String rows, String user, String host, String ours) {
    return em.createQuery(
            "SELECT MAX("
                + column
                + ") FROM Heartbeat h WHERE LOWER(h.insertedBy) = :user"
                + " AND LOWER(h.insertedHost) = :host AND h.sessionId <> :ours AND "
                + rows,
            LocalDateTime.class)
        .setParameter("user", user.toLowerCase(Locale.ROOT))
        .setParameter("host", host.toLowerCase(Locale.ROOT))
        .setParameter("ours", ours)
        .getSingleResult();
  }

  /**
   * The newest of {@code sessions} that is newer than {@code ours}. Session ids are microseconds
   * since the epoch and compare as numbers; ids that are not numbers are ignored.
   */
  public static Optional<String> newerThan(String ours, Collection<String> sessions) {
    BigInteger own = number(ours);
    BigInteger best = null;
    String bestId = null;
    for (String id : sessions) {
      BigInteger n = number(id);
      if (n != null
          && own != null
          && n.compareTo(own) > 0
          && (best == null || n.compareTo(best) > 0)) {
        best = n;
        bestId = id.strip();
      }
    }
    return Optional.ofNullable(bestId);
  }

  private static BigInteger number(String id) {
    if (id == null) {
      return null;
    }
    String s = id.strip();
    // Python may write a float-looking id such as "1718000000000000.0"; the integer part counts.
    int dot = s.indexOf('.');
    if (dot > 0) {
      s = s.substring(0, dot);
    }
    try {
      return new BigInteger(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
