package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.config.AppConfig;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.schedule.InvalidScheduleException;
import com.taskscheduler.schedule.Schedule;
import com.taskscheduler.schedule.Schedules;
import com.taskscheduler.scheduler.SchedulerControl;
import com.taskscheduler.scheduler.SchedulerControl.RunNowOutcome;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import com.taskscheduler.task.TaskRow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Task definitions, at the legacy tool's paths, plus run-now and a preview of fire times. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class TaskResource {
  private static final int MAX_NAME = TaskInput.MAX_NAME;
  private static final int MAX_PREVIEW = 100;

  /**
   * How long a task list may be served unchanged when only other processes wrote tasks: well below
   * the dashboard's 30 s refresh, so what it shows is at most a second older than the database.
   */
  static final Duration LIST_MAX_AGE = Duration.ofSeconds(1);

  /** This identity's list, all tasks and a few other identities'. */
  private static final int LISTS_KEPT = 8;

  /** Tasks are few (hundreds), so their lists are sorted and searched in memory. */
  private static final Map<String, Comparator<TaskDto>> SORTABLE =
      Map.ofEntries(
          by("ID", TaskDto::id),
          by("ScriptName", TaskDto::scriptName),
          by("ScriptFolder", TaskDto::scriptFolder),
          by("Every", TaskDto::every),
          by("AtTime", TaskDto::atTime),
          by("RunBy", TaskDto::runBy),
          by("RunHost", TaskDto::runHost),
          by("Enable", TaskDto::enable),
          by("ToRunAsap", TaskDto::toRunAsap),
          by("Ressource", TaskDto::ressource),
          by("InsertedAt", TaskDto::insertedAt),
          by("ScheduleValid", TaskDto::scheduleValid));

  private final TaskRepository tasks;
  private final AppConfig config;
  private final Timestamps timestamps;
  private final Clock clock;
  private final SchedulerControl scheduler;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final TaskListCache lists;

  /** Read once, at start-up: text longer than its column would fail as a 500, not a 400. */
  private final Map<String, Integer> widths;

  TaskResource(
      TaskRepository tasks,
      AppConfig config,
      Timestamps timestamps,
      Clock clock,
      SchedulerControl scheduler,
      AuditTrail audit,
      ObjectMapper json) {
    this.tasks = tasks;
    this.config = config;
    this.timestamps = timestamps;
    this.clock = clock;
    this.scheduler = scheduler;
    this.audit = audit;
    this.json = json;
    this.lists = new TaskListCache(clock, LIST_MAX_AGE, tasks::writeCount, LISTS_KEPT);
    this.widths = tasks.columnWidths();
  }

  record RunNowResult(@JsonProperty("outcome") String outcome) {}

  record Deleted(@JsonProperty("ID") int id, @JsonProperty("deleted") boolean deleted) {}

  record Preview(
      @JsonProperty("ID") int id,
      @JsonProperty("Every") String every,
      @JsonProperty("AtTime") String atTime,
      @JsonProperty("ScheduleValid") boolean valid,
      @JsonProperty("ScheduleError") String error,
      @JsonProperty("Description") String description,
      @JsonProperty("TimeZone") String zone,
      @JsonProperty("NextFireTimes") List<String> next) {}

  /**
   * This scheduler identity's tasks, or another identity's with {@code ?user=&host=}; a plain list,
   * or a DataTables page when its parameters are given.
   */
  @GET
  @Path("tasks")
  public Response forIdentity(
      @QueryParam("user") String user,
      @QueryParam("host") String host,
      @Context UriInfo uri,
      @Context Request request) {
    String who = name("user", user, config.user());
    String where = name("host", host, config.host());
    return list(
        String.join("\n", "tasks", who.toLowerCase(Locale.ROOT), where.toLowerCase(Locale.ROOT)),
        () -> tasks.rowsForIdentity(who, where),
        uri,
        request);
  }

  @GET
  @Path("tasks/all")
  public Response all(@Context UriInfo uri, @Context Request request) {
    return list("all", tasks::allRows, uri, request);
  }

  @GET
  @Path("task/{id}")
  public TaskDto one(@PathParam("id") String id) {
    return dto(find(Params.id("id", id)));
  }

  @POST
  @Path("task")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(JsonNode body, @Context HttpServletRequest request) {
    TaskInput input = TaskInput.of(body, widths);
    Task task = new Task();
    task.setRunBy(config.user());
    task.setRunHost(config.host());
    task.setEnable(true);
    task.setToRunAsap(false);
    task.setScriptFolder("");
    task.setAtTime("");
    input.applyTo(task, true, config.zone());
    task.setInsertedAt(timestamps.toLegacy(clock.instant()));
    task.setInsertedBy(config.osUser());
    task.setInsertedHost(config.host());
    TaskDto created = dto(tasks.insert(task));
    audit.record(request, "create", "task " + created.id(), null, created);
    tasksChanged();
    return Response.status(Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("task/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public TaskDto update(
      @PathParam("id") String id, JsonNode body, @Context HttpServletRequest request) {
    int taskId = Params.id("id", id);
    TaskInput input = TaskInput.of(body, widths);
    TaskDto[] beforeAfter = new TaskDto[2];
    tasks
        .update(
            taskId,
            task -> {
              beforeAfter[0] = dto(task);
              input.applyTo(task, false, config.zone());
              beforeAfter[1] = dto(task);
              return task;
            })
        .orElseThrow(() -> ApiError.notFound("task " + taskId));
    audit.record(request, "update", "task " + taskId, beforeAfter[0], beforeAfter[1]);
    tasksChanged();
    return beforeAfter[1];
  }

  /** Edits apply at once here; other schedulers see them within one poll. */
  private void tasksChanged() {
    if (scheduler != null) {
      scheduler.tasksChanged();
    }
  }

  /** Deletes the definition; its history stays. */
  @DELETE
  @Path("task/{id}")
  public Deleted delete(@PathParam("id") String id, @Context HttpServletRequest request) {
    int taskId = Params.id("id", id);
    Task gone = tasks.delete(taskId).orElseThrow(() -> ApiError.notFound("task " + taskId));
    audit.record(request, "delete", "task " + taskId, dto(gone), null);
    tasksChanged();
    return new Deleted(taskId, true);
  }

  /** Runs the task now: 202 STARTED here or FLAGGED_ASAP for its owner; 409 if it cannot. */
  @POST
  @Path("task/{id}/run")
  public Response runNow(@PathParam("id") String id, @Context HttpServletRequest request) {
    int taskId = Params.id("id", id);
    Task task = find(taskId);
    if (!task.isEnabled()) {
      throw new ApiError(Status.CONFLICT, "task " + taskId + " is disabled");
    }
    RunNowOutcome outcome;
    try {
      outcome = SchedulerResource.require(scheduler).runNow(taskId);
    } catch (NoSuchElementException e) {
      throw ApiError.notFound("task " + taskId);
    } catch (IllegalStateException e) {
      throw new ApiError(Status.CONFLICT, "task " + taskId + " is disabled");
    }
    if (outcome == RunNowOutcome.ALREADY_RUNNING) {
      throw new ApiError(Status.CONFLICT, "task " + taskId + " is already running");
    }
    audit.record(request, "run", "task " + taskId, null, Map.of("outcome", outcome.name()));
    return Response.accepted(new RunNowResult(outcome.name())).build();
  }

  /** The next {@code count} fire times of the stored schedule, as the scheduler will take them. */
  @GET
  @Path("task/{id}/next")
  public Preview next(@PathParam("id") String id, @QueryParam("count") String count) {
    int taskId = Params.id("id", id);
    int n = Params.intParam("count", count, 5, 1, MAX_PREVIEW);
    Task task = find(taskId);
    try {
      Schedule schedule = Schedules.parse(task.getEvery(), task.getAtTime(), config.zone());
      List<String> times =
          schedule.upcoming(task.getLastFireTime(), clock.instant(), n).stream()
              .map(timestamps::format)
              .toList();
      return new Preview(
          taskId,
          task.getEvery(),
          task.getAtTime(),
          true,
          null,
          schedule.describe(),
          config.zone().getId(),
          times);
    } catch (InvalidScheduleException e) {
      return new Preview(
          taskId,
          task.getEvery(),
          task.getAtTime(),
          false,
          e.getMessage(),
          null,
          config.zone().getId(),
          List.of());
    }
  }

  private Task find(int taskId) {
    return tasks.find(taskId).orElseThrow(() -> ApiError.notFound("task " + taskId));
  }

  private TaskDto dto(Task task) {
    return TaskDto.of(task, config.zone());
  }

  /**
   * A plain list comes from {@link #lists} with its entity tag; {@code no-cache} makes browsers ask
   * again each time (and {@code private} keeps shared caches out), and a matching {@code
   * If-None-Match} gets 304 without the body. Pages are built per request from the rows.
   */
  private Response list(String key, Supplier<List<TaskRow>> rows, UriInfo uri, Request request) {
    var page = DataTables.parse(uri.getQueryParameters(), SORTABLE.keySet());
    if (page.isPresent()) {
      return Response.ok(page(dtos(rows.get()), page.get())).build();
    }
    TaskListCache.Body body = lists.get(key, () -> json(dtos(rows.get())));
    EntityTag tag = new EntityTag(body.etag());
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    return (notModified != null
            ? notModified
            : Response.ok(body.json(), MediaType.APPLICATION_JSON_TYPE))
        .tag(tag)
        .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
        .build();
  }

  private List<TaskDto> dtos(List<TaskRow> rows) {
    return rows.stream().map(row -> TaskDto.of(row, config.zone())).toList();
  }

  private byte[] json(List<TaskDto> dtos) {
    try {
      return json.writeValueAsBytes(dtos);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("task list not serializable", e);
    }
  }

  private static DataTables.Response<TaskDto> page(List<TaskDto> rows, DataTables page) {
    Stream<TaskDto> filtered = rows.stream();
    if (page.search() != null) {
      String needle = page.search().toLowerCase(Locale.ROOT);
      filtered =
          filtered.filter(
              t ->
                  Stream.of(
                          t.scriptName(),
                          t.scriptFolder(),
                          t.every(),
                          t.atTime(),
                          t.runBy(),
                          t.runHost(),
                          t.ressource(),
                          t.comment(),
                          String.valueOf(t.id()))
                      .filter(Objects::nonNull)
                      .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(needle)));
    }
    Comparator<TaskDto> order =
        page.orderBy() == null ? SORTABLE.get("ID") : SORTABLE.get(page.orderBy());
    if (!page.asc() && page.orderBy() != null) {
      order = order.reversed();
    }
    List<TaskDto> matching = filtered.sorted(order).toList();
    List<TaskDto> data = matching.stream().skip(page.start()).limit(page.length()).toList();
    return new DataTables.Response<>(page.draw(), rows.size(), matching.size(), data);
  }

  private static <T extends Comparable<? super T>> Map.Entry<String, Comparator<TaskDto>> by(
      String name, Function<TaskDto, T> key) {
    return Map.entry(
        name, Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())));
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

  static Set<String> sortable() {
    return SORTABLE.keySet();
  }
}
