package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Database;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Whether the application and its database are up. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
  private final Database database;
  private final String version;

  HealthResource(Database database, String version) {
    this.database = database;
    this.version = version;
  }

  record Health(
      @JsonProperty("status") String status,
      @JsonProperty("database") String database,
      @JsonProperty("dialect") String dialect,
      @JsonProperty("schemaVersion") String schemaVersion,
      @JsonProperty("version") String version) {}

  @GET
  public Response health() {
    boolean up = database.isReachable();
    Health health =
        new Health(
            up ? "UP" : "DOWN",
            up ? "UP" : "UNAVAILABLE",
            database.dialect().name(),
            database.schemaVersion(),
            version);
    return Response.status(up ? 200 : 503).entity(health).build();
  }
}
