package com.taskscheduler.web;

import com.taskscheduler.task.TaskRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Task definitions, at the legacy tool's paths. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class TaskResource {
  private static final int MAX_NAME = 255;
  private final TaskRepository tasks;
  private final String defaultUser;
  private final String defaultHost;

  TaskResource(TaskRepository tasks, String defaultUser, String defaultHost) {
    this.tasks = tasks;
    this.defaultUser = defaultUser;
    this.defaultHost = defaultHost;
  }

  /** This scheduler identity's tasks, or another identity's with {@code ?user=&host=}. */
  @GET
  @Path("tasks")
  public List<TaskDto> forIdentity(
      @QueryParam("user") String user, @QueryParam("host") String host) {
    return tasks
        .forIdentity(name("user", user, defaultUser), name("host", host, defaultHost))
        .stream()
        .map(TaskDto::of)
        .toList();
  }

  @GET
  @Path("tasks/all")
  public List<TaskDto> all() {
    return tasks.all().stream().map(TaskDto::of).toList();
  }

  @GET
  @Path("task/{id}")
  public TaskDto one(@PathParam("id") String id) {
    int taskId = Params.id("id", id);
    return tasks
        .find(taskId)
        .map(TaskDto::of)
        .orElseThrow(() -> ApiError.notFound("task " + taskId));
  }

  private static String name(String field, String given, String fallback) {
    if (given == null || given.isBlank()) {
      return fallback;
    }
    if (given.length() > MAX_NAME) {
      throw ApiError.badRequest(field, "must be at most " + MAX_NAME + " characters");
    }
    return given.trim();
  }
}
