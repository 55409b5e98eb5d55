package com.taskscheduler.web;

import com.taskscheduler.db.Timestamps;
import com.taskscheduler.schedule.NextRunRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Published next runs, at the legacy tool's path. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class NextRunResource {
  /** Rows older than this were published by a scheduler that has since stopped publishing. */
  static final Duration RECENT = Duration.ofHours(24);

  private final NextRunRepository nextRuns;
  private final Timestamps timestamps;
  private final Clock clock;

  NextRunResource(NextRunRepository nextRuns, Timestamps timestamps, Clock clock) {
    this.nextRuns = nextRuns;
    this.timestamps = timestamps;
    this.clock = clock;
  }

  /** Rows published in the last 24 hours, soonest first; {@code ?limit=} (default 500). */
  @GET
  @Path("scheduled")
  public List<NextRunDto> recent(@QueryParam("limit") String limit) {
    int count = Params.intParam("limit", limit, 500, 1, 10_000);
    return nextRuns
        .publishedSince(timestamps.toLegacy(clock.instant().minus(RECENT)), count)
        .stream()
        .map(NextRunDto::of)
        .toList();
  }
}
