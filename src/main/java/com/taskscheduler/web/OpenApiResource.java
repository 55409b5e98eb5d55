package com.taskscheduler.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/** The OpenAPI description of this API (a test keeps it in step with the resources). */
@Path("/openapi.json")
public final class OpenApiResource {
  static final String RESOURCE = "/com/taskscheduler/web/openapi.json";
  private final byte[] document;

  OpenApiResource() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response document() {
    return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
