package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.taskscheduler.audit.AuditEntry;
import com.taskscheduler.audit.AuditLog;
import com.taskscheduler.db.Timestamps;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The audit trail, newest first. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final AuditLog log;
  private final Timestamps timestamps;

  AuditResource(AuditLog log, Timestamps timestamps) {
    this.log = log;
    this.timestamps = timestamps;
  }

  /** Before and After are the JSON we stored ourselves, so they are embedded as they are. */
  record AuditDto(
      @JsonProperty("ID") Integer id,
      @JsonProperty("OccurredAt") String occurredAt,
      @JsonProperty("Actor") String actor,
      @JsonProperty("ClientAddress") String clientAddress,
      @JsonProperty("Operation") String operation,
      @JsonProperty("Target") String target,
      @JsonProperty("Before") @JsonRawValue String before,
      @JsonProperty("After") @JsonRawValue String after) {}

  /** {@code ?limit=} (default 100, max 1000) and {@code ?offset=}. */
  @GET
  public List<AuditDto> newest(
      @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    int count = Params.intParam("limit", limit, 100, 1, 1000);
    int skip = Params.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    return log.newest(skip, count).stream().map(this::dto).toList();
  }

  private AuditDto dto(AuditEntry entry) {
    return new AuditDto(
        entry.getId(),
        timestamps.format(entry.getOccurredAt()),
        entry.getActor(),
        entry.getClientAddress(),
        entry.getOperation(),
        entry.getTarget(),
        entry.getBeforeJson(),
        entry.getAfterJson());
  }
}
