package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.bench.HistoryBench;
import com.taskscheduler.db.Database;
import com.taskscheduler.run.RunHistory.Accuracy;
import com.taskscheduler.run.RunHistory.Page;
import com.taskscheduler.run.RunHistory.Query;
import com.taskscheduler.run.RunHistory.SortColumn;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Filtered counts are exact up to a cap and say so; beyond it they are PostgreSQL's estimate or a
 * lower bound, flagged as such. The synthetic history has one Failed row in every 20.
 */
class RunHistoryCountTest {
  private static final int CAP = 10;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFilteredCountAtTheCapIsExact(Kind kind) throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 200); // 10 Failed
      Page page = new RunHistory(database, Long.MAX_VALUE, CAP).page(failed(), 0, 3);
      assertThat(page.rows()).hasSize(3);
      assertThat(page.filtered()).isEqualTo(10);
      assertThat(page.filteredAccuracy()).isEqualTo(Accuracy.EXACT);
      assertThat(page.total()).isEqualTo(200);
      assertThat(page.totalAccuracy()).isEqualTo(Accuracy.EXACT);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void oneMatchAboveTheCapMakesTheCountAFlaggedApproximationNeverBelowTheCapPlusOne(Kind kind)
      throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 220); // 11 Failed
      Page page = new RunHistory(database, Long.MAX_VALUE, CAP).page(failed(), 0, 3);
      assertThat(page.rows()).hasSize(3);
      assertThat(page.filtered()).isGreaterThanOrEqualTo(CAP + 1);
      if (kind == Kind.H2) {
        assertThat(page.filteredAccuracy()).isEqualTo(Accuracy.AT_LEAST);
        assertThat(page.filtered()).isEqualTo(CAP + 1);
      } else {
        assertThat(page.filteredAccuracy()).isEqualTo(Accuracy.ESTIMATE);
      }
      // With the default cap the same page is counted exactly.
      Page exact = new RunHistory(database).page(failed(), 0, 3);
      assertThat(exact.filtered()).isEqualTo(11);
      assertThat(exact.filteredAccuracy()).isEqualTo(Accuracy.EXACT);
    }
  }

  @Test
  void onPostgresqlTheCountAboveTheCapIsThePlannersEstimate() throws Exception {
    DataSource ds = TestDatabases.fresh(Kind.POSTGRESQL);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 2000); // 1600 Success
      analyze(ds);
      Query success =
          new Query("success", null, null, null, null, null, null, SortColumn.INSERTED_AT, false);
      Page page = new RunHistory(database, Long.MAX_VALUE, CAP).page(success, 0, 25);
      assertThat(page.filteredAccuracy()).isEqualTo(Accuracy.ESTIMATE);
      // ANALYZE samples all 2,000 rows here, so the estimate is close to the real 1,600.
      assertThat(page.filtered()).isBetween(1400L, 1800L);
      assertThat(page.total()).isEqualTo(2000);

      // Every kind of filter goes into the estimate's query with its parameters.
      Query everything =
          new Query(
              "Success",
              "ALICE",
              "host1",
              java.time.LocalDateTime.of(2023, 1, 1, 0, 0),
              java.time.LocalDateTime.of(2030, 1, 1, 0, 0),
              null,
              "job",
              SortColumn.STATUS,
              true);
      Page all = new RunHistory(database, Long.MAX_VALUE, CAP).page(everything, 0, 5);
      assertThat(all.rows()).hasSize(5);
      assertThat(all.filteredAccuracy()).isEqualTo(Accuracy.ESTIMATE);
      // Below the whole table: an estimate that lost the filters would be the 2,000 rows.
      assertThat(all.filtered()).isGreaterThanOrEqualTo(CAP + 1).isLessThan(page.total());
      Page task = new RunHistory(database, Long.MAX_VALUE, 1).page(withTask(7), 0, 1);
      assertThat(task.filteredAccuracy()).isEqualTo(Accuracy.ESTIMATE);
      assertThat(task.filtered()).isBetween(2L, 4L); // task 7: rows 7 and 1007; never below cap + 1
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theLastPageMakesTheCountExactWithoutCountingAndDeepPagesNeverShowLessThanTheyHold(Kind kind)
      throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 600); // 30 Failed
      RunHistory history = new RunHistory(database, Long.MAX_VALUE, CAP);

      Page last = history.page(failed(), 25, 25);
      assertThat(last.rows()).hasSize(5);
      assertThat(last.filtered()).isEqualTo(30);
      assertThat(last.filteredAccuracy()).isEqualTo(Accuracy.EXACT);

      Page middle = history.page(failed(), 20, 5);
      assertThat(middle.rows()).hasSize(5);
      assertThat(middle.filteredAccuracy()).isNotEqualTo(Accuracy.EXACT);
      assertThat(middle.filtered()).isGreaterThanOrEqualTo(25);

      Page beyond = history.page(failed(), 40, 5);
      assertThat(beyond.rows()).isEmpty();
      assertThat(beyond.filteredAccuracy()).isNotEqualTo(Accuracy.EXACT);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anUnfilteredHistoryKeepsItsExactTotalAsTheFilteredFigure(Kind kind) throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 40);
      Page page = new RunHistory(database, Long.MAX_VALUE, CAP).page(Query.all(), 0, 25);
      assertThat(page.total()).isEqualTo(40);
      assertThat(page.filtered()).isEqualTo(40);
      assertThat(page.totalAccuracy()).isEqualTo(Accuracy.EXACT);
      assertThat(page.filteredAccuracy()).isEqualTo(Accuracy.EXACT);
    }
  }

  private static Query withTask(int taskId) {
    return new Query(null, null, null, null, null, taskId, null, SortColumn.INSERTED_AT, false);
  }

  private static Query failed() {
    return new Query("Failed", null, null, null, null, null, null, SortColumn.INSERTED_AT, false);
  }

  static void analyze(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE Log_Task_Scheduler");
    }
  }
}
