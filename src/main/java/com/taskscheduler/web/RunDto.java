package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.run.Run;
import java.time.Duration;

/** A run (execution log row) as the API shows it: the legacy field names, then ours. */
record RunDto(
    @JsonProperty("ID") Integer id,
    @JsonProperty("ScriptFile") String scriptFile,
    @JsonProperty("Status") String status,
    @JsonProperty("SessionID") String sessionId,
    @JsonProperty("IsProd") Boolean isProd,
    @JsonProperty("TraceID") String traceId,
    @JsonProperty("HeartbeatID") String heartbeatId,
    @JsonProperty("InsertedAt") String insertedAt,
    @JsonProperty("InsertedBy") String insertedBy,
    @JsonProperty("InsertedHost") String insertedHost,
    @JsonProperty("TaskID") Integer taskId,
    @JsonProperty("FireTime") String fireTime,
    @JsonProperty("StartedAt") String startedAt,
    @JsonProperty("FinishedAt") String finishedAt,
    @JsonProperty("ExitCode") Integer exitCode,
    @JsonProperty("DurationMs") Long durationMs,
    @JsonProperty("StartLagMs") Long startLagMs,
    @JsonProperty("TriggeredBy") String triggeredBy,
    @JsonProperty("HasOutput") boolean hasOutput,
    @JsonProperty("Reason") String reason) {

  static RunDto of(Run run, Timestamps timestamps) {
    Long lag =
        run.getFireTime() == null || run.getStartedAt() == null
            ? null
            : Duration.between(run.getFireTime(), run.getStartedAt()).toMillis();
    return new RunDto(
        run.getId(),
        run.getScriptFile(),
        run.getStatus(),
        run.getSessionId(),
        run.getProd(),
        run.getTraceId(),
        run.getHeartbeatId(),
        Timestamps.formatLegacy(run.getInsertedAt()),
        run.getInsertedBy(),
        run.getInsertedHost(),
        run.getTaskId(),
        timestamps.format(run.getFireTime()),
        timestamps.format(run.getStartedAt()),
        timestamps.format(run.getFinishedAt()),
        run.getExitCode(),
        run.getDurationMs(),
        lag,
        run.getTriggeredBy(),
        run.getOutputPath() != null,
        run.getReason());
  }
}
