package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.run.Run;
import com.taskscheduler.run.RunHistory;
import com.taskscheduler.run.RunHistory.SortColumn;
import com.taskscheduler.run.RunRepository;
import com.taskscheduler.run.launch.OutputFiles;
import com.taskscheduler.scheduler.SchedulerControl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The execution history (legacy path {@code /logs}) and single runs. */
@jakarta.ws.rs.Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class RunResource {
  static final int MAX_OUTPUT_BYTES = 1024 * 1024;
  private static final int CSV_BATCH = 1000;
  private static final int MAX_CSV_ROWS = 1_000_000;
  private static final int MAX_FILTER = 255;
  private static final Map<String, SortColumn> SORTABLE =
      Map.of(
          "ID", SortColumn.ID,
          "InsertedAt", SortColumn.INSERTED_AT,
          "Status", SortColumn.STATUS,
          "TaskID", SortColumn.TASK_ID);

  private final RunRepository runs;
  private final RunHistory history;
  private final Timestamps timestamps;
  private final Path outputDir;
  private final SchedulerControl scheduler;
  private final AuditTrail audit;

  RunResource(
      RunRepository runs,
      RunHistory history,
      Timestamps timestamps,
      Path outputDir,
      SchedulerControl scheduler,
      AuditTrail audit) {
    this.runs = runs;
    this.history = history;
    this.timestamps = timestamps;
    this.outputDir = outputDir.toAbsolutePath().normalize();
    this.scheduler = scheduler;
    this.audit = audit;
  }

  record Output(
      @JsonProperty("ID") int id,
      @JsonProperty("Output") String output,
      @JsonProperty("Available") boolean available) {}

  record Killed(@JsonProperty("ID") int id, @JsonProperty("killed") boolean killed) {}

  /**
   * Newest first. Without DataTables parameters: the legacy plain list ({@code ?limit=}, default
   * 100, max 10,000). With them: a DataTables page. Filters in both: status, user, host, from, to,
   * taskId.
   */
  @GET
  @jakarta.ws.rs.Path("logs")
  public Object logs(@Context UriInfo uri) {
    MultivaluedMap<String, String> params = uri.getQueryParameters();
    var table = DataTables.parse(params, SORTABLE.keySet());
    if (table.isEmpty()) {
      int count = Params.intParam("limit", params.getFirst("limit"), 100, 1, 10_000);
      return history.rows(query(params, null), 0, count).stream().map(this::dto).toList();
    }
    DataTables page = table.get();
    RunHistory.Page result = history.page(query(params, page), page.start(), page.length());
    return new HistoryPage(
        page.draw(),
        result.total(),
        result.filtered(),
        accuracy(result.totalAccuracy()),
        accuracy(result.filteredAccuracy()),
        result.rows().stream().map(this::dto).toList());
  }

  /**
   * A DataTables page whose counts say how far they can be trusted: {@code "exact"}, {@code
   * "estimate"} (PostgreSQL's planner figure: about) or {@code "atLeast"} (counting stopped there:
   * more than the figure minus one). Paging uses the figures as they are.
   */
  record HistoryPage(
      @JsonProperty("draw") int draw,
      @JsonProperty("recordsTotal") long recordsTotal,
      @JsonProperty("recordsFiltered") long recordsFiltered,
      @JsonProperty("recordsTotalAccuracy") String recordsTotalAccuracy,
      @JsonProperty("recordsFilteredAccuracy") String recordsFilteredAccuracy,
      @JsonProperty("data") List<RunDto> data) {}

  static String accuracy(RunHistory.Accuracy accuracy) {
    return switch (accuracy) {
      case EXACT -> "exact";
      case ESTIMATE -> "estimate";
      case AT_LEAST -> "atLeast";
    };
  }

  /** The filtered history as CSV, streamed in batches (at most a million rows). */
  @GET
  @jakarta.ws.rs.Path("logs.csv")
  @Produces("text/csv; charset=UTF-8")
  public Response csv(@Context UriInfo uri) {
    MultivaluedMap<String, String> params = uri.getQueryParameters();
    var table = DataTables.parse(params, SORTABLE.keySet());
    RunHistory.Query query = query(params, table.orElse(null));
    StreamingOutput body =
        out -> {
          CsvMapper mapper = new CsvMapper();
          CsvSchema schema = mapper.schemaFor(CsvRow.class).withHeader();
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          try (SequenceWriter rows =
              mapper
                  .writer(schema)
                  .without(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
                  .writeValues(writer)) {
            history.export(
                query,
                MAX_CSV_ROWS,
                CSV_BATCH,
                batch -> {
                  for (Run run : batch) {
                    rows.write(CsvRow.of(dto(run)));
                  }
                });
          }
        };
    return Response.ok(body)
        .type("text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"execution-history.csv\"")
        .build();
  }

  @GET
  @jakarta.ws.rs.Path("runs/{id}")
  public RunDto one(@PathParam("id") String id) {
    return dto(find(Params.id("id", id)));
  }

  /**
   * The end of the run's captured output (at most 1 MiB). Only files inside the configured output
   * directory are read: the path comes from a shared table other tools may write.
   */
  @GET
  @jakarta.ws.rs.Path("runs/{id}/output")
  public Output output(@PathParam("id") String id) {
    int runId = Params.id("id", id);
    Run run = find(runId);
    if (run.getOutputPath() == null) {
      return new Output(runId, null, false);
    }
    Path file;
    try {
      file = outputDir.resolve(run.getOutputPath()).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      return new Output(runId, null, false);
    }
    if (!file.startsWith(outputDir)) {
      return new Output(runId, null, false);
    }
    try {
      return new Output(runId, OutputFiles.read(file, MAX_OUTPUT_BYTES), true);
    } catch (NoSuchFileException e) {
      return new Output(runId, null, false);
    } catch (IOException e) {
      throw new ApiError(Status.SERVICE_UNAVAILABLE, "the run's output cannot be read now");
    }
  }

  /** Kills a run in progress in this process: 202, or 409 if it is not running here. */
  @POST
  @jakarta.ws.rs.Path("runs/{id}/kill")
  public Response kill(@PathParam("id") String id, @Context HttpServletRequest request) {
    int runId = Params.id("id", id);
    RunDto before = dto(find(runId));
    if (!SchedulerResource.require(scheduler).kill(runId)) {
      throw new ApiError(Status.CONFLICT, "run " + runId + " is not in progress in this process");
    }
    audit.record(request, "kill", "run " + runId, before, null);
    return Response.accepted(new Killed(runId, true)).build();
  }

  private Run find(int runId) {
    return runs.find(runId).orElseThrow(() -> ApiError.notFound("run " + runId));
  }

  private RunDto dto(Run run) {
    return RunDto.of(run, timestamps);
  }

  private static RunHistory.Query query(MultivaluedMap<String, String> params, DataTables page) {
    String status = filter(params, "status");
    String user = filter(params, "user");
    String host = filter(params, "host");
    LocalDateTime from = dateTime(params, "from", false);
    LocalDateTime to = dateTime(params, "to", true);
    String rawTask = params.getFirst("taskId");
    Integer taskId = rawTask == null || rawTask.isBlank() ? null : Params.id("taskId", rawTask);
    String search = page == null ? null : page.search();
    SortColumn sort =
        page == null || page.orderBy() == null
            ? SortColumn.INSERTED_AT
            : SORTABLE.get(page.orderBy());
    boolean ascending = page != null && page.orderBy() != null && page.asc();
    return new RunHistory.Query(status, user, host, from, to, taskId, search, sort, ascending);
  }

  private static String filter(MultivaluedMap<String, String> params, String name) {
    String value = params.getFirst(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_FILTER) {
      throw ApiError.badRequest(name, "must be at most " + MAX_FILTER + " characters");
    }
    return value.trim();
  }

  /** Local {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss}; a date-only "to" includes its day. */
  private static LocalDateTime dateTime(
      MultivaluedMap<String, String> params, String name, boolean endExclusive) {
    String value = params.getFirst(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return endExclusive ? day.plusDays(1).atStartOfDay() : day.atStartOfDay();
      }
      LocalDateTime at = LocalDateTime.parse(text, Timestamps.LEGACY_FORMAT);
      return endExclusive ? at.plusSeconds(1) : at;
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name, "must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss");
    }
  }

  /** One CSV line; text that a spreadsheet would run as a formula is prefixed with a quote. */
  @com.fasterxml.jackson.annotation.JsonPropertyOrder({
    "ID",
    "ScriptFile",
    "Status",
    "TaskID",
    "TriggeredBy",
    "FireTime",
    "StartedAt",
    "FinishedAt",
    "DurationMs",
    "ExitCode",
    "Reason",
    "SessionID",
    "HeartbeatID",
    "InsertedAt",
    "InsertedBy",
    "InsertedHost"
  })
  record CsvRow(
      @JsonProperty("ID") Integer id,
      @JsonProperty("ScriptFile") String scriptFile,
      @JsonProperty("Status") String status,
      @JsonProperty("TaskID") Integer taskId,
      @JsonProperty("TriggeredBy") String triggeredBy,
      @JsonProperty("FireTime") String fireTime,
      @JsonProperty("StartedAt") String startedAt,
      @JsonProperty("FinishedAt") String finishedAt,
      @JsonProperty("DurationMs") Long durationMs,
      @JsonProperty("ExitCode") Integer exitCode,
      @JsonProperty("Reason") String reason,
      @JsonProperty("SessionID") String sessionId,
      @JsonProperty("HeartbeatID") String heartbeatId,
      @JsonProperty("InsertedAt") String insertedAt,
      @JsonProperty("InsertedBy") String insertedBy,
      @JsonProperty("InsertedHost") String insertedHost) {

    static CsvRow of(RunDto run) {
      return new CsvRow(
          run.id(),
          safe(run.scriptFile()),
          safe(run.status()),
          run.taskId(),
          safe(run.triggeredBy()),
          run.fireTime(),
          run.startedAt(),
          run.finishedAt(),
          run.durationMs(),
          run.exitCode(),
          safe(run.reason()),
          safe(run.sessionId()),
          safe(run.heartbeatId()),
          run.insertedAt(),
          safe(run.insertedBy()),
          safe(run.insertedHost()));
    }

    private static String safe(String value) {
      if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
        return "'" + value;
      }
      return value;
    }
  }

  static List<String> sortable() {
    return new ArrayList<>(SORTABLE.keySet());
  }
}
