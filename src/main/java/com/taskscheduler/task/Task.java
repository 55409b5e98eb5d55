package com.taskscheduler.task;

import com.taskscheduler.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;

/** A task definition: a row of the legacy {@code Task_Scheduler} table plus our columns. */
@Entity
@Table(name = "Task_Scheduler")
public class Task {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "ID")
  private Integer id;

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

  /** Local wall-clock time, as the Python tool writes it. */
  @Column(name = "InsertedAt")
  private LocalDateTime insertedAt;

  @Column(name = "InsertedBy")
  private String insertedBy;

  @Column(name = "InsertedHost")
  private String insertedHost;

  @Column(name = "TimeoutSeconds")
  private Integer timeoutSeconds;

  @Column(name = "CatchUpGraceMinutes")
  private Integer catchUpGraceMinutes;

  /** UTC; the fire time of the last claimed fire, the anchor of interval schedules. */
  @Column(name = "LastFireTime")
  private LocalDateTime lastFireTime;

  public Integer getId() {
    return id;
  }

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
