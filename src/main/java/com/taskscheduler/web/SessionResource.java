package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the dashboard page needs to know about the session: whether login is on (for Logout). */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
  private final boolean loginRequired;

  SessionResource(boolean loginRequired) {
    this.loginRequired = loginRequired;
  }

  record Session(@JsonProperty("loginRequired") boolean loginRequired) {}

  @GET
  public Session session() {
    return new Session(loginRequired);
  }
}
