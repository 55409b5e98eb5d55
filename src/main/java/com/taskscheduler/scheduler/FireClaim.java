package com.taskscheduler.scheduler;

import com.taskscheduler.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The claim of one fire: a row of our own {@code Task_Scheduler_Fire} table, whose unique key on
 * (TaskID, FireTime, TriggeredBy) refuses a second run of the same fire. It lives in a table of our
 * own rather than as a filtered unique index on {@code Log_Task_Scheduler}: on SQL Server a
 * filtered index makes every insert into its table fail for a client session with {@code
 * QUOTED_IDENTIFIER OFF}, and the Python tool's connections must never be refused.
 */
@Entity
@Table(name = "Task_Scheduler_Fire")
class FireClaim {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "ID")
  private Integer id;

  @Column(name = "TaskID")
  private Integer taskId;

  /** UTC, like the run's FireTime. */
  @Column(name = "FireTime")
  private LocalDateTime fireTime;

  @Column(name = "TriggeredBy")
  private String triggeredBy;

  @Column(name = "RunID")
  private Integer runId;

  protected FireClaim() {}

  FireClaim(int taskId, Instant fireTime, String triggeredBy, int runId) {
    this.taskId = taskId;
    this.fireTime = Timestamps.toUtc(fireTime);
    this.triggeredBy = triggeredBy;
    this.runId = runId;
  }
}
