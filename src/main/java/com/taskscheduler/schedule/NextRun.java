package com.taskscheduler.schedule;

import com.taskscheduler.db.LegacyRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A published next fire time: a row of {@code Task_Scheduled}. */
@Entity
@Table(name = "Task_Scheduled")
public class NextRun extends LegacyRow {
  @Column(name = "ScriptName")
  private String scriptName;

  @Column(name = "ScriptFolder")
  private String scriptFolder;

  @Column(name = "RunBy")
  private String runBy;

  @Column(name = "RunHost")
  private String runHost;

  /** Local wall-clock time, as the Python tool writes it. */
  @Column(name = "NextRun")
  private LocalDateTime nextRun;

  @Column(name = "HeartbeatID")
  private String heartbeatId;

  @Column(name = "TaskID")
  private Integer taskId;

  public String getScriptName() {
    return scriptName;
  }

  public void setScriptName(String scriptName) {
    this.scriptName = scriptName;
  }

  public String getScriptFolder() {
    return scriptFolder;
  }

  public void setScriptFolder(String scriptFolder) {
    this.scriptFolder = scriptFolder;
  }

  public String getRunBy() {
    return runBy;
  }

  public void setRunBy(String runBy) {
    this.runBy = runBy;
  }

  public String getRunHost() {
    return runHost;
  }

  public void setRunHost(String runHost) {
    this.runHost = runHost;
  }

  public LocalDateTime getNextRun() {
    return nextRun;
  }

  public void setNextRun(LocalDateTime nextRun) {
    this.nextRun = nextRun;
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
}
