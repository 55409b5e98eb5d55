package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.schedule.InvalidScheduleException;
import com.taskscheduler.schedule.Schedules;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRow;
import java.time.ZoneId;

/** A task as the API shows it: the legacy field names, then ours. */
record TaskDto(
    @JsonProperty("ID") Integer id,
    @JsonProperty("Enable") Boolean enable,
    @JsonProperty("RunBy") String runBy,
    @JsonProperty("ScriptName") String scriptName,
    @JsonProperty("ScriptFolder") String scriptFolder,
    @JsonProperty("Every") String every,
    @JsonProperty("AtTime") String atTime,
    @JsonProperty("Ressource") String ressource,
    @JsonProperty("ToRunAsap") Boolean toRunAsap,
    @JsonProperty("Comment") String comment,
    @JsonProperty("RunHost") String runHost,
    @JsonProperty("InsertedAt") String insertedAt,
    @JsonProperty("InsertedBy") String insertedBy,
    @JsonProperty("InsertedHost") String insertedHost,
    @JsonProperty("TimeoutSeconds") Integer timeoutSeconds,
    @JsonProperty("CatchUpGraceMinutes") Integer catchUpGraceMinutes,
    @JsonProperty("ScheduleValid") boolean scheduleValid,
    @JsonProperty("ScheduleError") String scheduleError) {

  static TaskDto of(Task task, ZoneId zone) {
    return of(TaskRow.of(task), zone);
  }

  /** Rows written by other tools may hold an invalid schedule: shown as such, never a failure. */
  static TaskDto of(TaskRow task, ZoneId zone) {
    String scheduleError = null;
    try {
      Schedules.parse(task.every(), task.atTime(), zone);
    } catch (InvalidScheduleException e) {
      scheduleError = e.getMessage();
    } catch (RuntimeException e) {
      scheduleError = "unreadable schedule";
    }
    return new TaskDto(
        task.id(),
        task.enable(),
        task.runBy(),
        task.scriptName(),
        task.scriptFolder(),
        task.every(),
        task.atTime(),
        task.ressource(),
        task.toRunAsap(),
        task.comment(),
        task.runHost(),
        Timestamps.formatLegacy(task.insertedAt()),
        task.insertedBy(),
        task.insertedHost(),
        task.timeoutSeconds(),
        task.catchUpGraceMinutes(),
        scheduleError == null,
        scheduleError);
  }
}
