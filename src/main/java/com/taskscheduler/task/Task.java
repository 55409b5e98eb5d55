package com.taskscheduler.task;

import com.taskscheduler.db.LegacyRow;
import com.taskscheduler.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;

/** A task definition: a row of the legacy {@code Task_Scheduler} table plus our columns. */
@Entity
@Table(name = "Task_Scheduler")
public class Task extends LegacyRow {
  @Column(name = "Enable")
  private Boolean enable;

  @Column(name = "RunBy")
  private String runBy;

  @Column(name = "ScriptName")
  private String scriptName;

  @Column(name = "ScriptFolder")
  private String scriptFolder;

  @Column(name = "Every")
  private String every;

  @Column(name = "AtTime")
  private String atTime;

  @Column(name = "Ressource")
  private String ressource;

  @Column(name = "ToRunAsap")
  private Boolean toRunAsap;

  @Column(name = "Comment")
  private String comment;

  @Column(name = "RunHost")
  private String runHost;

  @Column(name = "TimeoutSeconds")
  private Integer timeoutSeconds;

  @Column(name = "CatchUpGraceMinutes")
  private Integer catchUpGraceMinutes;

  /** UTC; the fire time of the last claimed fire, the anchor of interval schedules. */
  @Column(name = "LastFireTime")
  private LocalDateTime lastFireTime;

  public boolean isEnabled() {
    return Boolean.TRUE.equals(enable);
  }

  public Boolean getEnable() {
    return enable;
  }

  public void setEnable(Boolean enable) {
    this.enable = enable;
  }

  public String getRunBy() {
    return runBy;
  }

  public void setRunBy(String runBy) {
    this.runBy = runBy;
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

  public String getEvery() {
    return every;
  }

  public void setEvery(String every) {
    this.every = every;
  }

  public String getAtTime() {
    return atTime;
  }

  public void setAtTime(String atTime) {
    this.atTime = atTime;
  }

  public String getRessource() {
    return ressource;
  }

  public void setRessource(String ressource) {
    this.ressource = ressource;
  }

  public boolean isAsapRequested() {
    return Boolean.TRUE.equals(toRunAsap);
  }

  public Boolean getToRunAsap() {
    return toRunAsap;
  }

  public void setToRunAsap(Boolean toRunAsap) {
    this.toRunAsap = toRunAsap;
  }

  public String getComment() {
    return comment;
  }

  public void setComment(String comment) {
    this.comment = comment;
  }

  public String getRunHost() {
    return runHost;
  }

  public void setRunHost(String runHost) {
    this.runHost = runHost;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public Integer getCatchUpGraceMinutes() {
    return catchUpGraceMinutes;
  }

  public void setCatchUpGraceMinutes(Integer catchUpGraceMinutes) {
    this.catchUpGraceMinutes = catchUpGraceMinutes;
  }

  public Instant getLastFireTime() {
    return Timestamps.fromUtc(lastFireTime);
  }

  public void setLastFireTime(Instant lastFireTime) {
    this.lastFireTime = Timestamps.toUtc(lastFireTime);
  }
}
