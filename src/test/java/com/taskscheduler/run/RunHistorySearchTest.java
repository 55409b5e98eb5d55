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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The history search: a case-insensitive substring of any of six columns, with {@code %}, {@code _}
 * and {@code !} taken literally. On PostgreSQL one trigram-indexed expression serves it when
 * pg_trgm is there; without the index the six columns are searched one by one, same results.
 */
class RunHistorySearchTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void eachOfTheSixColumnsIsSearchedCaseInsensitivelyAndLiterally(Kind kind) throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      insertMarkedRows(ds);
      assertMarkedRowsFound(new RunHistory(database));
    }
  }

  @Test
  void onPostgresqlTheSearchUsesTheTrigramIndexAndFindsTheSameWithoutIt() throws Exception {
    DataSource ds = TestDatabases.fresh(Kind.POSTGRESQL);
    try (Database database = Database.open(ds, null)) {
      assertThat(scalar(ds, "SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'"))
          .isEqualTo(1);
      HistoryBench.insert(ds, 3000);
      insertMarkedRows(ds);
      // VACUUM moves the index's pending entries into the index proper (autovacuum does after
      // inserts); until then the planner prices the index above a scan of 3,000 rows.
      execute(ds, "VACUUM ANALYZE Log_Task_Scheduler");
      RunHistory history = new RunHistory(database);
      long scansBefore = indexScans(ds);
      assertMarkedRowsFound(history);
      // A rare term among 3,000 rows: the planner takes the index, which proves the query's
      // expression is the index's.
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> indexScans(ds) > scansBefore);

      execute(ds, "DROP INDEX " + RunHistory.SEARCH_INDEX);
      assertMarkedRowsFound(history);
      assertThat(history.page(search("job12"), 0, 25).filtered())
          .isEqualTo(33); // job12, job120..job129 among 3,000 rows: 3 + 30
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void termsShorterThanATrigramAndTermsSpanningTwoColumnsAreHandledCorrectly(Kind kind)
      throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      HistoryBench.insert(ds, 200);
      insertMarkedRows(ds);
      RunHistory history = new RunHistory(database);
      assertThat(ids(history, "Zq")).hasSize(1); // only ScriptFile 'AlphaZq.py'
      assertThat(ids(history, "q")).hasSize(1);
      assertThat(ids(history, "2.")).hasSize(20); // job2.py, job12.py, ..., job192.py
      // ScriptFile ends "...zq.py", Status starts "beta": no row holds "pybeta".
      assertThat(ids(history, "pybeta")).isEmpty();
      assertThat(ids(history, "py\u0001beta")).isEmpty();
      assertThat(ids(history, "py" + "%" + "beta")).isEmpty();
    }
  }

  @Test
  void withoutPgTrgmTheMigrationSucceedsAndTheSearchScansTheColumns() throws Exception {
    // A role that may not create extensions (trusted ones need CREATE on the database).
    String url = TestDatabases.freshUrl(Kind.POSTGRESQL);
    DataSource admin = TestDatabases.dataSource(url);
    String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    execute(
        admin,
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plain_user') THEN"
            + " CREATE ROLE plain_user LOGIN; END IF; END $$");
    execute(admin, "REVOKE CREATE ON DATABASE " + database + " FROM PUBLIC");
    execute(admin, "GRANT CREATE ON SCHEMA public TO plain_user");
    org.postgresql.ds.PGSimpleDataSource plain = new org.postgresql.ds.PGSimpleDataSource();
    plain.setURL(url.replace("user=postgres", "user=plain_user"));
    plain.setUser("plain_user");
    try (Database db = Database.open(plain, null)) {
      assertThat(db.schemaVersion()).isEqualTo("10");
      assertThat(scalar(admin, "SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'"))
          .isZero();
      assertThat(
              scalar(
                  admin,
                  "SELECT COUNT(*) FROM pg_class WHERE relname = '"
                      + RunHistory.SEARCH_INDEX
                      + "'"))
          .isZero();
      insertMarkedRows(plain);
      assertMarkedRowsFound(new RunHistory(db));
    }
  }

  /** One row per searched column holding a marker (mixed case, with %, _ or !), plus decoys. */
  private static void insertMarkedRows(DataSource ds) throws Exception {
    String[][] rows = {
      // ScriptFile, Status, InsertedBy, InsertedHost, TriggeredBy, Reason
      {"AlphaZq.py", "BetaStatus", "x", "x", "schedule", null},
      {"job.py", "Success", "Carol_Gamma", "x", "schedule", null},
      {"job.py", "Success", "x", "Delta%Host", "schedule", null},
      {"job.py", "Success", "x", "x", "Epsilon!Trig", null},
      {"job.py", "Success", "x", "x", "schedule", "Zeta Reason"},
      {"job.py", "Success", "CarolXGamma", "DeltaXHost", "EpsilonXTrig", "zeta reason"},
    };
    insertRows(ds, List.of(rows));
  }

  /**
   * Inserts log rows of (ScriptFile, Status, InsertedBy, InsertedHost, TriggeredBy, Reason), a
   * minute apart in their order.
   */
  static void insertRows(DataSource ds, List<String[]> rows) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO Log_Task_Scheduler (ScriptFile, Status, InsertedBy, InsertedHost,"
                    + " TriggeredBy, Reason, InsertedAt) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      LocalDateTime at = LocalDateTime.of(2030, 1, 1, 0, 0);
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          ps.setString(i + 1, row[i]);
        }
        ps.setTimestamp(7, Timestamp.valueOf(at = at.plusMinutes(1)));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void assertMarkedRowsFound(RunHistory history) {
    assertThat(scripts(history, "alphazq")).containsExactly("AlphaZq.py");
    assertThat(statuses(history, "TASTAT")).containsExactly("BetaStatus");
    assertThat(history.page(search("carol_gamma"), 0, 25).rows())
        .extracting(Run::getInsertedBy)
        .containsExactly("Carol_Gamma");
    assertThat(history.page(search("a%h"), 0, 25).rows())
        .extracting(Run::getInsertedHost)
        .containsExactly("Delta%Host");
    assertThat(history.page(search("N!T"), 0, 25).rows())
        .extracting(Run::getTriggeredBy)
        .containsExactly("Epsilon!Trig");
    Page reasons = history.page(search("ZETA REASON"), 0, 25);
    assertThat(reasons.rows())
        .extracting(Run::getReason)
        .containsExactly("zeta reason", "Zeta Reason");
    assertThat(reasons.filtered()).isEqualTo(2);
    assertThat(reasons.filteredAccuracy()).isEqualTo(Accuracy.EXACT);
    assertThat(scripts(history, "no such text")).isEmpty();
  }

  private static List<String> scripts(RunHistory history, String term) {
    return history.page(search(term), 0, 25).rows().stream().map(Run::getScriptFile).toList();
  }

  private static List<String> statuses(RunHistory history, String term) {
    return history.page(search(term), 0, 25).rows().stream().map(Run::getStatus).toList();
  }

  private static List<Integer> ids(RunHistory history, String term) {
    return history.page(search(term), 0, 1000).rows().stream().map(Run::getId).toList();
  }

  private static Query search(String term) {
    return new Query(null, null, null, null, null, null, term, SortColumn.INSERTED_AT, false);
  }

  private static long indexScans(DataSource ds) throws Exception {
    return scalar(
        ds,
        "SELECT COALESCE(SUM(idx_scan), 0) FROM pg_stat_user_indexes WHERE indexrelname = '"
            + RunHistory.SEARCH_INDEX
            + "'");
  }

  private static long scalar(DataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(DataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
