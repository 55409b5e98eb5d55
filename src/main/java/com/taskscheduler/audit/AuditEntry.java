package com.taskscheduler.audit;

import com.taskscheduler.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;

/** One audited action: who, from where, what, and the state before and after (JSON). */
@Entity
@Table(name = "Task_Scheduler_Audit")
public class AuditEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "ID")
  private Integer id;

  /** UTC. */
  @Column(name = "OccurredAt")
  private LocalDateTime occurredAt;

  @Column(name = "Actor")
  private String actor;

  @Column(name = "ClientAddress")
  private String clientAddress;

  @Column(name = "Operation")
  private String operation;

  @Column(name = "Target")
  private String target;

  @Column(name = "BeforeJson")
  private String beforeJson;

  @Column(name = "AfterJson")
  private String afterJson;

  protected AuditEntry() {}

  AuditEntry(
      Instant occurredAt,
      String actor,
      String clientAddress,
      String operation,
      String target,
      String beforeJson,
      String afterJson) {
    this.occurredAt = Timestamps.toUtc(occurredAt);
    this.actor = actor;
    this.clientAddress = clientAddress;
    this.operation = operation;
    this.target = target;
    this.beforeJson = beforeJson;
    this.afterJson = afterJson;
  }

  public Integer getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return Timestamps.fromUtc(occurredAt);
  }

  public String getActor() {
    return actor;
  }

  public String getClientAddress() {
    return clientAddress;
  }

  public String getOperation() {
    return operation;
  }

  public String getTarget() {
    return target;
  }

  public String getBeforeJson() {
    return beforeJson;
  }

  public String getAfterJson() {
    return afterJson;
  }
}
