package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.bench.HistoryBench;
import com.taskscheduler.db.Database;
import com.taskscheduler.run.RunHistory.Query;
import com.taskscheduler.run.RunHistory.SortColumn;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CSV export's rows: every match once, in order, whatever the scheduler writes meanwhile. */
class RunHistoryExportTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anExportHasEveryMatchingRowOnceInOrderWhileNewerRowsAreWrittenDuringIt(Kind kind)
      throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 120);
      List<Integer> expected =
          RunHistoryPagingTest.ids(
              ds, "SELECT ID FROM Log_Task_Scheduler ORDER BY InsertedAt DESC, ID DESC");
      List<Integer> exported = new ArrayList<>();
      List<Integer> batchSizes = new ArrayList<>();

      new RunHistory(database)
          .export(
              Query.all(),
              1_000,
              25,
              batch -> {
                batch.forEach(run -> exported.add(run.getId()));
                batchSizes.add(batch.size());
                // The scheduler goes on: newer runs land at the top of this order.
                insertNewer(ds, 3, 120 + 3 * batchSizes.size());
              });

      assertThat(exported).containsExactlyElementsOf(expected);
      assertThat(batchSizes).containsExactly(25, 25, 25, 25, 20);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anExportFollowsTheFilterSortAndCapAndLeavesOutRowsDeletedDuringIt(Kind kind)
      throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 200);
      List<Integer> failed =
          RunHistoryPagingTest.ids(
              ds,
              "SELECT ID FROM Log_Task_Scheduler WHERE Status = 'Failed'"
                  + " ORDER BY TaskID ASC, ID ASC");
      assertThat(failed).hasSizeGreaterThan(8);
      int deleted = failed.get(6);
      List<Integer> exported = new ArrayList<>();

      new RunHistory(database)
          .export(
              new Query("failed", null, null, null, null, null, null, SortColumn.TASK_ID, true),
              8,
              3,
              batch -> {
                batch.forEach(run -> exported.add(run.getId()));
                execute(ds, "DELETE FROM Log_Task_Scheduler WHERE ID = " + deleted);
              });

      List<Integer> expected = new ArrayList<>(failed.subList(0, 8));
      expected.remove(Integer.valueOf(deleted));
      assertThat(exported).containsExactlyElementsOf(expected);
    }
  }

  private static void insertNewer(DataSource ds, int rows, int first) {
    try {
      HistoryBench.insert(ds, rows, first);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
