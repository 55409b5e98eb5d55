package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.bench.HistoryBench;
import com.taskscheduler.db.Database;
import com.taskscheduler.run.RunHistory.Query;
import com.taskscheduler.run.RunHistory.SortColumn;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every sort, both directions, with and without a status filter, pages exactly like the plain SQL
 * ORDER BY (H2 sorts ids first and loads the page's rows by id).
 */
class RunHistoryPagingTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void pagesMatchThePlainOrderByForEverySortDirectionAndFilter(Kind kind) throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 300);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        // Ties on InsertedAt and Status, so the ID tie-breaker matters.
        s.executeUpdate(
            "UPDATE Log_Task_Scheduler SET InsertedAt = (SELECT MIN(InsertedAt) FROM"
                + " Log_Task_Scheduler) WHERE MOD(ID, 7) = 0");
      }
      RunHistory history = new RunHistory(database);
      String[] columns = {"ID", "InsertedAt", "Status", "TaskID"};
      for (SortColumn sort : SortColumn.values()) {
        for (boolean ascending : new boolean[] {true, false}) {
          for (String status : new String[] {null, "Failed"}) {
            Query query = new Query(status, null, null, null, null, null, null, sort, ascending);
            String dir = ascending ? " ASC" : " DESC";
            String order = " ORDER BY " + columns[sort.ordinal()] + dir;
            if (sort != SortColumn.ID) {
              order += ", ID" + dir;
            }
            String where = status == null ? "" : " WHERE Status = 'Failed'";
            List<Integer> expected = ids(ds, "SELECT ID FROM Log_Task_Scheduler" + where + order);
            int offset = status == null ? 40 : 3;
            List<Integer> page =
                history.page(query, offset, 9).rows().stream().map(Run::getId).toList();
            assertThat(page)
                .as(sort + (ascending ? " asc " : " desc ") + status)
                .containsExactlyElementsOf(expected.subList(offset, offset + 9));
          }
        }
      }
    }
  }

  /** The ids a plain SQL query returns, in its order. */
  static List<Integer> ids(DataSource ds, String sql) throws Exception {
    List<Integer> ids = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }
}
