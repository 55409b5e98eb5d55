package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.schedule.InvalidScheduleException;
import com.taskscheduler.schedule.Schedule;
import com.taskscheduler.schedule.Schedules;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The next fire times of an unsaved schedule, for the task dialog. An invalid schedule is not an
 * error here: the answer says why it is invalid, in the words a save would use.
 */
@Path("/schedule")
@Produces(MediaType.APPLICATION_JSON)
public final class SchedulePreviewResource {
  private static final int MAX_PREVIEW = 100;

  private final ZoneId zone;
  private final Timestamps timestamps;
  private final Clock clock;

  SchedulePreviewResource(ZoneId zone, Timestamps timestamps, Clock clock) {
    this.zone = zone;
    this.timestamps = timestamps;
    this.clock = clock;
  }

  record Preview(
      @JsonProperty("Every") String every,
      @JsonProperty("AtTime") String atTime,
      @JsonProperty("ScheduleValid") boolean valid,
      @JsonProperty("ScheduleError") String error,
      @JsonProperty("Description") String description,
      @JsonProperty("TimeZone") String zone,
      @JsonProperty("NextFireTimes") List<String> next) {}

  /** Intervals are counted from now, as for a new task. */
  @GET
  @Path("preview")
  public Preview preview(
      @QueryParam("Every") String every,
      @QueryParam("AtTime") String atTime,
      @QueryParam("count") String count) {
    int n = Params.intParam("count", count, 5, 1, MAX_PREVIEW);
    if (every != null && every.length() > TaskInput.MAX_SCHEDULE) {
      throw ApiError.badRequest(
          "Every", "must be at most " + TaskInput.MAX_SCHEDULE + " characters");
    }
    if (atTime != null && atTime.length() > TaskInput.MAX_SCHEDULE) {
      throw ApiError.badRequest(
          "AtTime", "must be at most " + TaskInput.MAX_SCHEDULE + " characters");
    }
    String e = every == null ? "" : every.trim();
    String a = atTime == null ? "" : atTime.trim();
    try {
      Schedule schedule = Schedules.parse(e, a, zone);
      List<String> times =
          schedule.upcoming(null, clock.instant(), n).stream().map(timestamps::format).toList();
      return new Preview(e, a, true, null, schedule.describe(), zone.getId(), times);
    } catch (InvalidScheduleException ex) {
      return new Preview(e, a, false, ex.getMessage(), null, zone.getId(), List.of());
    }
  }
}
