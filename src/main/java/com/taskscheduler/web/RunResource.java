package com.taskscheduler.web;

import com.taskscheduler.db.Timestamps;
import com.taskscheduler.run.RunRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The execution history, at the legacy tool's path. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class RunResource {
  private final RunRepository runs;
  private final Timestamps timestamps;

  RunResource(RunRepository runs, Timestamps timestamps) {
    this.runs = runs;
    this.timestamps = timestamps;
  }

  /** The newest runs first; {@code ?limit=} (default 100, at most 10,000). */
  @GET
  @Path("logs")
  public List<RunDto> newest(@QueryParam("limit") String limit) {
    int count = Params.intParam("limit", limit, 100, 1, 10_000);
    return runs.newest(count).stream().map(run -> RunDto.of(run, timestamps)).toList();
  }
}
