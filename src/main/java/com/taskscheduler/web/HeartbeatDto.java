package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.heartbeat.HeartbeatRepository.LastHeartbeat;

/** The last heartbeat of one scheduler, with the legacy API's field names. */
record HeartbeatDto(
    @JsonProperty("InsertedBy") String insertedBy,
    @JsonProperty("InsertedHost") String insertedHost,
    @JsonProperty("IsProd") Boolean isProd,
    @JsonProperty("LastInsertedAt") String lastInsertedAt) {

  static HeartbeatDto of(LastHeartbeat last) {
    return new HeartbeatDto(
        last.user(), last.host(), last.prod(), Timestamps.formatLegacy(last.insertedAt()));
  }
}
