package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.bench.HistoryBench;
import com.taskscheduler.db.Database;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An exact COUNT(*) of a million log rows costs PostgreSQL ~100 ms on every history page, so above
 * a threshold the total comes from the statistics; filtered counts stay exact.
 */
class RunHistoryTotalTest {
  @Test
  void onPostgresqlABigHistoryTakesItsTotalFromTheStatisticsAndCountsFilteredRowsExactly()
      throws Exception {
    DataSource ds = TestDatabases.fresh(Kind.POSTGRESQL);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 60);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("ANALYZE Log_Task_Scheduler");
      }
      HistoryBench.insert(ds, 5, 60); // not yet in the statistics

      RunHistory.Query all = RunHistory.Query.all();
      assertThat(new RunHistory(database, 50, RunHistory.COUNT_CAP).page(all, 0, 10).total())
          .isEqualTo(60);
      assertThat(new RunHistory(database, 1000, RunHistory.COUNT_CAP).page(all, 0, 10).total())
          .isEqualTo(65);
      RunHistory.Query byUser =
          new RunHistory.Query(
              null,
              "Alice",
              null,
              null,
              null,
              null,
              null,
              RunHistory.SortColumn.INSERTED_AT,
              false);
      RunHistory.Page page = new RunHistory(database, 50, RunHistory.COUNT_CAP).page(byUser, 0, 10);
      assertThat(page.filtered()).isEqualTo(65);
      assertThat(page.total()).isEqualTo(65); // never below the filtered count
    }
  }

  @Test
  void onH2TheTotalIsAlwaysExact() throws Exception {
    DataSource ds = TestDatabases.fresh(Kind.H2);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 65);
      assertThat(
              new RunHistory(database, 10, RunHistory.COUNT_CAP)
                  .page(RunHistory.Query.all(), 0, 10)
                  .total())
          .isEqualTo(65);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Kind.class)
  void aStatusFilterMatchesTheSpellingsWritersUseWithoutLowerCasingEveryRow(Kind kind)
      throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 20); // one Failed among every 20 rows
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate(
            "UPDATE Log_Task_Scheduler SET Status = 'failed' WHERE ID IN (SELECT MIN(ID) FROM Log_Task_Scheduler)");
        s.executeUpdate(
            "UPDATE Log_Task_Scheduler SET Status = 'FAILED' WHERE ID IN (SELECT MAX(ID) FROM Log_Task_Scheduler)");
        s.executeUpdate(
            "UPDATE Log_Task_Scheduler SET Status = 'Oddity' WHERE TraceID = 'trace-5'");
      }
      for (String asked : new String[] {"failed", "FAILED", "Failed "}) {
        assertThat(new RunHistory(database).page(statusQuery(asked), 0, 10).filtered())
            .as(asked)
            .isEqualTo(3);
      }
      assertThat(new RunHistory(database).page(statusQuery("oddity"), 0, 10).filtered())
          .isEqualTo(1);
    }
  }

  private static RunHistory.Query statusQuery(String status) {
    return new RunHistory.Query(
        status, null, null, null, null, null, null, RunHistory.SortColumn.INSERTED_AT, false);
  }
}
