package com.taskscheduler.run;

import com.taskscheduler.db.LegacyRow;
import com.taskscheduler.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One run of a task: a row of the legacy {@code Log_Task_Scheduler} table. Rows the Python tool
 * wrote have only the legacy columns (Status {@code Run}, no TaskID) and are shown as they are.
 */
@Entity
@Table(name = "Log_Task_Scheduler")
public class Run extends LegacyRow {
  @Column(name = "ScriptFile")
  private String scriptFile;

  @Column(name = "Status")
  private String status;

  @Column(name = "SessionID")
  private String sessionId;

  @Column(name = "IsProd")
  private Boolean prod;

  @Column(name = "TraceID")
  private String traceId;

  @Column(name = "HeartbeatID")
  private String heartbeatId;

  @Column(name = "TaskID")
  private Integer taskId;

  @Column(name = "FireTime")
  private LocalDateTime fireTime;

  @Column(name = "StartedAt")
  private LocalDateTime startedAt;

  @Column(name = "FinishedAt")
  private LocalDateTime finishedAt;

  @Column(name = "ExitCode")
  private Integer exitCode;

  @Column(name = "DurationMs")
  private Long durationMs;

  @Column(name = "TriggeredBy")
  private String triggeredBy;

  @Column(name = "OutputPath")
  private String outputPath;

  @Column(name = "Reason")
  private String reason;

  public String getScriptFile() {
    return scriptFile;
  }

  public void setScriptFile(String scriptFile) {
    this.scriptFile = scriptFile;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(RunStatus status) {
    this.status = status.value();
  }

  public String getSessionId() {
    return sessionId;
  }

  public void setSessionId(String sessionId) {
    this.sessionId = sessionId;
  }

  public Boolean getProd() {
    return prod;
  }

  public void setProd(Boolean prod) {
    this.prod = prod;
  }

  public String getTraceId() {
    return traceId;
  }

  public void setTraceId(String traceId) {
    this.traceId = traceId;
  }

  public String getHeartbeatId() {
    return heartbeatId;
  }

  public void setHeartbeatId(String heartbeatId) {
    this.heartbeatId = heartbeatId;
  }

  public Integer getTaskId() {
    return taskId;
  }

  public void setTaskId(Integer taskId) {
    this.taskId = taskId;
  }

  public Instant getFireTime() {
    return Timestamps.fromUtc(fireTime);
  }

  public void setFireTime(Instant fireTime) {
    this.fireTime = Timestamps.toUtc(fireTime);
  }

  public Instant getStartedAt() {
    return Timestamps.fromUtc(startedAt);
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = Timestamps.toUtc(startedAt);
  }

  public Instant getFinishedAt() {
    return Timestamps.fromUtc(finishedAt);
  }

  public void setFinishedAt(Instant finishedAt) {
    this.finishedAt = Timestamps.toUtc(finishedAt);
  }

  public Integer getExitCode() {
    return exitCode;
  }

  public void setExitCode(Integer exitCode) {
    this.exitCode = exitCode;
  }

  public Long getDurationMs() {
    return durationMs;
  }

  public void setDurationMs(Long durationMs) {
    this.durationMs = durationMs;
  }

  public String getTriggeredBy() {
    return triggeredBy;
  }

  public void setTriggeredBy(Trigger trigger) {
    this.triggeredBy = trigger == null ? null : trigger.value();
  }

  public String getOutputPath() {
    return outputPath;
  }

  public void setOutputPath(String outputPath) {
    this.outputPath = outputPath;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
