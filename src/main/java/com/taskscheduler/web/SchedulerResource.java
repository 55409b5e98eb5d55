package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.scheduler.SchedulerControl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/** Control of the in-process scheduler, at the legacy tool's paths. */
@Path("/scheduler")
@Produces(MediaType.APPLICATION_JSON)
public final class SchedulerResource {
  private final SchedulerControl scheduler;
  private final Timestamps timestamps;
  private final AuditTrail audit;

  SchedulerResource(SchedulerControl scheduler, Timestamps timestamps, AuditTrail audit) {
    this.scheduler = scheduler;
    this.timestamps = timestamps;
    this.audit = audit;
  }

  record StatusDto(
      @JsonProperty("running") boolean running,
      @JsonProperty("start_time") String startTime,
      @JsonProperty("standby") boolean standby,
      @JsonProperty("session_id") String sessionId) {}

  record LogLineDto(
      @JsonProperty("timestamp") String timestamp,
      @JsonProperty("level") String level,
      @JsonProperty("message") String message) {}

  @GET
  @Path("status")
  public StatusDto status() {
    return dto(require(scheduler).status());
  }

  @POST
  @Path("start")
  public StatusDto start(@Context HttpServletRequest request) {
    StatusDto before = status();
    scheduler.start();
    StatusDto after = status();
    audit.record(request, "start", "scheduler", before, after);
    return after;
  }

  @POST
  @Path("stop")
  public StatusDto stop(@Context HttpServletRequest request) {
    StatusDto before = status();
    scheduler.stop();
    StatusDto after = status();
    audit.record(request, "stop", "scheduler", before, after);
    return after;
  }

  /** The most recent scheduler log lines, oldest first; {@code ?limit=} (default 200, max 500). */
  @GET
  @Path("logs")
  public List<LogLineDto> logs(@QueryParam("limit") String limit) {
    int count = Params.intParam("limit", limit, 200, 1, 500);
    return require(scheduler).recentLog(count).stream().map(this::dto).toList();
  }

  StatusDto dto(SchedulerControl.Status status) {
    return new StatusDto(
        status.running(),
        timestamps.format(status.startedAt()),
        status.standby(),
        status.sessionId());
  }

  LogLineDto dto(SchedulerControl.LogLine line) {
    return new LogLineDto(timestamps.format(line.timestamp()), line.level(), line.message());
  }

  /** The scheduler, or a 503 while this process has none wired in. */
  static SchedulerControl require(SchedulerControl scheduler) {
    if (scheduler == null) {
      throw new ApiError(Status.SERVICE_UNAVAILABLE, "the scheduler is not available here");
    }
    return scheduler;
  }
}
