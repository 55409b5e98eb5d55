package com.taskscheduler.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A published next fire time: a row of {@code Task_Scheduled}. */
@Entity
@Table(name = "Task_Scheduled")
public class NextRun {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "ID")
  private Integer id;

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

  @Column(name = "InsertedAt")
  private LocalDateTime insertedAt;

  @Column(name = "InsertedBy")
  private String insertedBy;

  @Column(name = "InsertedHost")
  private String insertedHost;

  @Column(name = "TaskID")
  private Integer taskId;

  public Integer getId() {
    return id;
  }

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

  public LocalDateTime getInsertedAt() {
    return insertedAt;
  }

  public void setInsertedAt(LocalDateTime insertedAt) {
    this.insertedAt = insertedAt;
  }

  public String getInsertedBy() {
    return insertedBy;
  }

  public void setInsertedBy(String insertedBy) {
    this.insertedBy = insertedBy;
  }

  public String getInsertedHost() {
    return insertedHost;
  }

  public void setInsertedHost(String insertedHost) {
    this.insertedHost = insertedHost;
  }

  public Integer getTaskId() {
    return taskId;
  }

  public void setTaskId(Integer taskId) {
    this.taskId = taskId;
  }
}
