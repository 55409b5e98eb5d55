package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.db.Timestamps;
import com.taskscheduler.run.RunStats;
import com.taskscheduler.run.RunStatus;
import com.taskscheduler.schedule.NextRunRepository;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Figures for the dashboard's stat cards and charts. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
  static final Duration RECENT = Duration.ofHours(24);
  static final List<String> FAILURES =
      List.of(RunStatus.FAILED.value(), RunStatus.TIMEOUT.value(), RunStatus.LOST.value());
  private static final int MAX_DAYS = 90;

  private final TaskRepository tasks;
  private final NextRunRepository nextRuns;
  private final RunStats stats;
  private final Timestamps timestamps;
  private final Clock clock;

  StatsResource(
      TaskRepository tasks,
      NextRunRepository nextRuns,
      RunStats stats,
      Timestamps timestamps,
      Clock clock) {
    this.tasks = tasks;
    this.nextRuns = nextRuns;
    this.stats = stats;
    this.timestamps = timestamps;
    this.clock = clock;
  }

  record Summary(
      @JsonProperty("Tasks") long tasks,
      @JsonProperty("EnabledTasks") long enabledTasks,
      @JsonProperty("ScheduledRuns") long scheduledRuns,
      @JsonProperty("RecentRuns") long recentRuns,
      @JsonProperty("Failures") long failures,
      @JsonProperty("Now") String now,
      @JsonProperty("TimeZone") String zone) {}

  record RunsPerDay(
      @JsonProperty("Days") List<String> days,
      @JsonProperty("Series") Map<String, List<Long>> series) {}

  record LastRunDto(
      @JsonProperty("TaskID") int taskId,
      @JsonProperty("ID") int runId,
      @JsonProperty("Status") String status,
      @JsonProperty("InsertedAt") String insertedAt) {}

  /**
   * Task counts, next runs published in the last 24 hours, runs and failures (Failed, Timeout,
   * Lost) logged in the last 24 hours, and the server's local time (legacy format) to age
   * timestamps against.
   */
  @GET
  @Path("summary")
  public Summary summary() {
    LocalDateTime now = timestamps.toLegacy(clock.instant());
    LocalDateTime since = timestamps.toLegacy(clock.instant().minus(RECENT));
    List<Task> all = tasks.all();
    long enabled = all.stream().filter(Task::isEnabled).count();
    long scheduled = nextRuns.publishedSince(since, 10_000).size();
    return new Summary(
        all.size(),
        enabled,
        scheduled,
        stats.countSince(since, null),
        stats.countSince(since, FAILURES),
        Timestamps.formatLegacy(now),
        timestamps.zone().getId());
  }

  /** Runs per local day and status over the last {@code days} days (default 14, max 90). */
  @GET
  @Path("runs-per-day")
  public RunsPerDay runsPerDay(@QueryParam("days") String days) {
    int n = Params.intParam("days", days, 14, 1, MAX_DAYS);
    LocalDate last = timestamps.toLegacy(clock.instant()).toLocalDate();
    LocalDate first = last.minusDays(n - 1L);
    List<String> labels = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      labels.add(day.toString());
    }
    Map<String, List<Long>> series = new LinkedHashMap<>();
    for (RunStats.DayCount count : stats.perDay(first, last)) {
      String status = count.status() == null ? "(none)" : count.status();
      List<Long> values =
          series.computeIfAbsent(
              status, s -> new ArrayList<>(java.util.Collections.nCopies(n, 0L)));
      int index = (int) (count.day().toEpochDay() - first.toEpochDay());
      values.set(index, values.get(index) + count.count());
    }
    return new RunsPerDay(labels, series);
  }

  /** The newest run of each task (runs logged with a TaskID). */
  @GET
  @Path("last-runs")
  public List<LastRunDto> lastRuns() {
    return stats.lastRunPerTask().stream()
        .map(
            r ->
                new LastRunDto(
                    r.taskId(),
                    r.runId(),
                    r.status(),
                    r.insertedAt() == null ? null : Timestamps.formatLegacy(r.insertedAt())))
        .toList();
  }
}
