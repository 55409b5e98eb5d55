package com.taskscheduler.heartbeat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A scheduler's sign of life: a row of {@code Task_Scheduler_Heartbeat}. */
@Entity
@Table(name = "Task_Scheduler_Heartbeat")
public class Heartbeat {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "ID")
  private Integer id;

  @Column(name = "SessionID")
  private String sessionId;

  @Column(name = "IsProd")
  private Boolean prod;

  /** Local wall-clock time, as the Python tool writes it. */
  @Column(name = "InsertedAt")
  private LocalDateTime insertedAt;

  @Column(name = "InsertedBy")
  private String insertedBy;

  @Column(name = "InsertedHost")
  private String insertedHost;

  public Heartbeat() {}

  public Heartbeat(
      String sessionId,
      boolean prod,
      LocalDateTime insertedAt,
      String insertedBy,
      String insertedHost) {
    this.sessionId = sessionId;
    this.prod = prod;
    this.insertedAt = insertedAt;
    this.insertedBy = insertedBy;
    this.insertedHost = insertedHost;
  }

  public Integer getId() {
    return id;
  }

  public String getSessionId() {
    return sessionId;
  }

  public Boolean getProd() {
    return prod;
  }

  public LocalDateTime getInsertedAt() {
    return insertedAt;
  }

  public String getInsertedBy() {
    return insertedBy;
  }

  public String getInsertedHost() {
    return insertedHost;
  }
}
