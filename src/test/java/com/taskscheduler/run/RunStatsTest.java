package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.db.Database;
import com.taskscheduler.run.RunStats.DayCount;
import com.taskscheduler.run.RunStats.LastRun;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dashboard's statistics queries, on H2 and on a real PostgreSQL. */
class RunStatsTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void countsPerDayByStatusRecentFailuresAndTheLastRunOfEachTask(Kind kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      LocalDateTime monday = LocalDateTime.of(2025, 6, 2, 0, 0);
      insert(db, 1, RunStatus.SUCCESS, monday.plusHours(1));
      insert(db, 1, RunStatus.FAILED, monday.plusHours(23).plusMinutes(59));
      insert(db, 2, RunStatus.SUCCESS, monday.plusDays(1));
      insert(db, 2, RunStatus.SUCCESS, monday.plusDays(1).plusHours(5));
      insert(db, null, RunStatus.RUN, monday.plusDays(1).plusHours(6)); // a Python row
      RunStats stats = new RunStats(db);

      assertThat(stats.perDay(monday.toLocalDate(), LocalDate.of(2025, 6, 4)))
          .containsExactlyInAnyOrder(
              new DayCount(LocalDate.of(2025, 6, 2), "Success", 1),
              new DayCount(LocalDate.of(2025, 6, 2), "Failed", 1),
              new DayCount(LocalDate.of(2025, 6, 3), "Success", 2),
              new DayCount(LocalDate.of(2025, 6, 3), "Run", 1));
      assertThat(stats.countSince(monday.plusHours(12), null)).isEqualTo(4);
      assertThat(stats.countSince(monday, List.of("Failed", "Timeout", "Lost"))).isEqualTo(1);

      assertThat(stats.lastRunPerTask())
          .extracting(LastRun::taskId, LastRun::status)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(1, "Failed"),
              org.assertj.core.groups.Tuple.tuple(2, "Success"));
    }
  }

  private static void insert(Database db, Integer taskId, RunStatus status, LocalDateTime at) {
    Run run = new Run();
    run.setTaskId(taskId);
    run.setScriptFile("job.py");
    run.setStatus(status);
    run.setInsertedAt(at);
    run.setInsertedBy("alice");
    run.setInsertedHost("host");
    db.inTransaction(
        em -> {
          em.persist(run);
          return run;
        });
  }
}
