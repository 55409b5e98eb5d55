package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.schedule.NextRun;

/** A published next run as the API shows it (legacy field names). */
record NextRunDto(
    @JsonProperty("ID") Integer id,
    @JsonProperty("ScriptName") String scriptName,
    @JsonProperty("ScriptFolder") String scriptFolder,
    @JsonProperty("RunBy") String runBy,
    @JsonProperty("RunHost") String runHost,
    @JsonProperty("NextRun") String nextRun,
    @JsonProperty("HeartbeatID") String heartbeatId,
    @JsonProperty("InsertedAt") String insertedAt,
    @JsonProperty("InsertedBy") String insertedBy,
    @JsonProperty("InsertedHost") String insertedHost,
    @JsonProperty("TaskID") Integer taskId) {

  static NextRunDto of(NextRun row) {
    return new NextRunDto(
        row.getId(),
        row.getScriptName(),
        row.getScriptFolder(),
        row.getRunBy(),
        row.getRunHost(),
        Timestamps.formatLegacy(row.getNextRun()),
        row.getHeartbeatId(),
        Timestamps.formatLegacy(row.getInsertedAt()),
        row.getInsertedBy(),
        row.getInsertedHost(),
        row.getTaskId());
  }
}
