package com.taskscheduler.heartbeat;

import com.taskscheduler.db.LegacyRow;
import com.taskscheduler.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;

/** A scheduler's sign of life: a row of {@code Task_Scheduler_Heartbeat}. */
@Entity
@Table(name = "Task_Scheduler_Heartbeat")
public class Heartbeat extends LegacyRow {
  @Column(name = "SessionID")
  private String sessionId;

  @Column(name = "IsProd")
  private Boolean prod;

  /** UTC; set by this product's sessions, NULL in the Python tool's rows (see V8). */
  @Column(name = "BeatAt")
  private LocalDateTime beatAt;

  /**
   * UTC; the start of the writing session's last complete engine pass, NULL before its first one,
   * while it stands by, and in the Python tool's rows (see V10).
   */
  @Column(name = "PassedAt")
  private LocalDateTime passedAt;

  public Heartbeat() {}

  public Heartbeat(
      String sessionId,
      boolean prod,
      LocalDateTime insertedAt,
      String insertedBy,
      String insertedHost) {
    this.sessionId = sessionId;
    this.prod = prod;
    setInsertedAt(insertedAt);
    setInsertedBy(insertedBy);
    setInsertedHost(insertedHost);
  }

  public String getSessionId() {
    return sessionId;
  }

  public Boolean getProd() {
    return prod;
  }

  public void setBeatAt(Instant beatAt) {
    this.beatAt = Timestamps.toUtc(beatAt);
  }

  public Instant getPassedAt() {
    return Timestamps.fromUtc(passedAt);
  }

  public void setPassedAt(Instant passedAt) {
    this.passedAt = Timestamps.toUtc(passedAt);
  }
}
