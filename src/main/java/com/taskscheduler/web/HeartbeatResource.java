package com.taskscheduler.web;

import com.taskscheduler.heartbeat.HeartbeatRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The last heartbeat of every scheduler, at the legacy tool's path. */
@Path("/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
public final class HeartbeatResource {
  private final HeartbeatRepository heartbeats;

  HeartbeatResource(HeartbeatRepository heartbeats) {
    this.heartbeats = heartbeats;
  }

  @GET
  public List<HeartbeatDto> lastPerScheduler() {
    return heartbeats.lastPerScheduler().stream().map(HeartbeatDto::of).toList();
  }
}
