package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.schedule.InvalidScheduleException;
import com.taskscheduler.schedule.Schedules;
import com.taskscheduler.task.Task;
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

  /** Rows written by other tools may hold an invalid schedule: shown as such, never a failure. */
  static TaskDto of(Task task, ZoneId zone) {
    String scheduleError = null;
    try {
      Schedules.parse(task.getEvery(), task.getAtTime(), zone);
    } catch (InvalidScheduleException e) {
      scheduleError = e.getMessage();
    } catch (RuntimeException e) {
      scheduleError = "unreadable schedule";
    }
    return new TaskDto(
        task.getId(),
        task.getEnable(),
        task.getRunBy(),
        task.getScriptName(),
        task.getScriptFolder(),
        task.getEvery(),
        task.getAtTime(),
        task.getRessource(),
        task.getToRunAsap(),
        task.getComment(),
        task.getRunHost(),
        Timestamps.formatLegacy(task.getInsertedAt()),
        task.getInsertedBy(),
        task.getInsertedHost(),
        task.getTimeoutSeconds(),
        task.getCatchUpGraceMinutes(),
        scheduleError == null,
        scheduleError);
  }
}
