package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.db.Database;
import com.taskscheduler.db.Dialect;
import com.taskscheduler.run.RunHistory.Accuracy;
import com.taskscheduler.run.RunHistory.Page;
import com.taskscheduler.run.RunHistory.Query;
import com.taskscheduler.run.RunHistory.SortColumn;
import com.taskscheduler.testing.SwitchableDataSource;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The history search by the columns' values (SearchValues) finds exactly what reading the rows
 * finds, however the values fall out: none, a few, many, too many to walk, or a PostgreSQL Reason
 * longer than its indexed prefix.
 */
class SearchValuesTest {

  private static final String[] SCRIPTS = new String[60];
  private static final String[] STATUSES = {"Success", "Failed", "FAILED", "Run", null};
  private static final String[] USERS = {"alice", "Bob", "ÉLODIE", "carol_x", null, "dave"};
  private static final String[] HOSTS = {"host-1", "HOST%2", "h!3 ", null};
  private static final String[] TRIGGERS = {"schedule", "manual", "catch-up", null, "schedule"};
  private static final String[] REASONS = {
    null,
    "exit code 1",
    "exit code 2",
    "timed out after 600 s",
    null,
    "x".repeat(450) + " needle beyond the indexed prefix",
    "é".repeat(999) + "z",
  };

  private static final List<String> TERMS =
      List.of(
          "zq",
          "j",
          "job1",
          "job",
          "job59.py",
          "ss",
          "fail",
          "é",
          "ÉLO",
          "_",
          "%",
          "!",
          " ",
          "3 ",
          "needle",
          "x",
          "exit code",
          "ode 2",
          "a",
          "sch",
          "-",
          "host%",
          "h!3",
          "éz",
          "no such text");

  static {
    for (int i = 0; i < SCRIPTS.length; i++) {
      SCRIPTS[i] = "job" + i + ".py";
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSearchByTheColumnsValuesFindsExactlyWhatReadingTheRowsFinds(Kind kind) throws Exception {
    DataSource ds = TestDatabases.fresh(kind);
    try (Database database = Database.open(ds, null)) {
      insertRows(ds, 420);
      RunHistory rows = history(database, 0, 50); // every column "too many": the rows are read
      List<RunHistory> byValues =
          List.of(
              history(database, SearchValues.MAX_VALUES, SearchValues.MAX_LISTED),
              history(database, SearchValues.MAX_VALUES, 1), // more columns keep their LIKE
              history(database, 5, 50)); // gives up on the scripts
      for (String term : TERMS) {
        Page expected = rows.page(search(term), 0, 1000);
        for (RunHistory history : byValues) {
          Page actual = history.page(search(term), 0, 1000);
          assertThat(actual.rows())
              .as("'%s' on %s", term, kind)
              .extracting(Run::getId)
              .containsExactlyElementsOf(expected.rows().stream().map(Run::getId).toList());
          assertThat(actual.filtered()).as("'%s' on %s", term, kind).isEqualTo(expected.filtered());
          assertThat(actual.total()).isEqualTo(420);
        }
      }
      // The fixture has what the comparison needs.
      assertThat(rows.page(search("needle"), 0, 1000).rows()).hasSize(60);
      assertThat(rows.page(search("éz"), 0, 1000).rows()).hasSize(60);
      assertThat(rows.page(search("no such text"), 0, 1000).rows()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTermThatMatchesNoValueReadsNoLogRowAndStillCountsTheLog(Kind kind) throws Exception {
    SwitchableDataSource ds = new SwitchableDataSource(TestDatabases.fresh(kind));
    try (Database database = Database.open(ds, null)) {
      insertRows(ds, 100);
      RunHistory history = new RunHistory(database);
      ds.resetStatements();
      // Two letters: no trigram on PostgreSQL either.
      Page page = history.page(search("zq"), 0, 25);
      assertThat(page.rows()).isEmpty();
      assertThat(page.filtered()).isZero();
      assertThat(page.total()).isEqualTo(100);
      List<String> sql = ds.preparedSql();
      assertThat(sql).anyMatch(s -> s.startsWith("WITH RECURSIVE"));
      assertThat(sql)
          .as("%s", sql)
          // The walks, and PostgreSQL's look at the few Reasons longer than their index.
          .filteredOn(s -> !s.startsWith("WITH RECURSIVE") && !s.contains("LENGTH(Reason) >="))
          .noneMatch(s -> s.contains("LIKE") || s.contains("ORDER BY"));
      assertThat(history.page(search("zq"), 25, 25).filtered()).isZero();
      List<Run> exported = new ArrayList<>();
      history.export(search("zq"), 1000, 100, exported::addAll);
      assertThat(exported).isEmpty();
    }
  }

  @Test
  void onPostgresqlAListedOrLikedColumnBeyondTheCountCapIsEstimatedByThePlanner() throws Exception {
    DataSource ds = TestDatabases.fresh(Kind.POSTGRESQL);
    try (Database database = Database.open(ds, null)) {
      insertRows(ds, 420);
      RunHistory history =
          new RunHistory(
              database,
              RunHistory.ESTIMATE_ABOVE,
              5,
              new SearchValues(Dialect.POSTGRESQL, SearchValues.MAX_VALUES, 20));
      // "1" (no trigram): job1.py, job10..19.py, ... listed with the statuses' and reasons' values;
      // "b": the users' and more than 20 scripts' values, so a LIKE beside an IN list.
      for (String term : List.of("1", "b")) {
        Page page = history.page(search(term), 0, 3);
        assertThat(page.rows()).as(term).hasSize(3);
        assertThat(page.filteredAccuracy()).as(term).isEqualTo(Accuracy.ESTIMATE);
        assertThat(page.filtered()).as(term).isGreaterThan(5);
      }
    }
  }

  @Test
  void onPostgresqlWithoutOneOfTheIndexesTheSearchReadsTheRowsInsteadOfWalking() throws Exception {
    SwitchableDataSource ds = new SwitchableDataSource(TestDatabases.fresh(Kind.POSTGRESQL));
    try (Database database = Database.open(ds, null)) {
      insertRows(ds, 100);
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.execute("DROP INDEX IX_Log_Task_Scheduler_InsertedHost");
      }
      RunHistory history = new RunHistory(database);
      ds.resetStatements();
      assertThat(history.page(search("zq"), 0, 25).rows()).isEmpty();
      assertThat(history.page(search("host%"), 0, 25).rows())
          .extracting(Run::getInsertedHost)
          .containsOnly("HOST%2")
          .hasSize(25);
      assertThat(ds.preparedSql()).noneMatch(s -> s.startsWith("WITH RECURSIVE"));
    }
  }

  private static RunHistory history(Database database, int maxValues, int maxListed) {
    return new RunHistory(
        database,
        RunHistory.ESTIMATE_ABOVE,
        RunHistory.COUNT_CAP,
        new SearchValues(database.dialect(), maxValues, maxListed));
  }

  private static Query search(String term) {
    return new Query(null, null, null, null, null, null, term, SortColumn.INSERTED_AT, false);
  }

  /** Rows combining the columns' values with different periods, so most combinations occur. */
  private static void insertRows(DataSource ds, int count) throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          new String[] {
            SCRIPTS[i % SCRIPTS.length],
            STATUSES[i % STATUSES.length],
            USERS[i % USERS.length],
            HOSTS[i % HOSTS.length],
            TRIGGERS[i % TRIGGERS.length],
            REASONS[i % REASONS.length]
          });
    }
    RunHistorySearchTest.insertRows(ds, rows);
  }
}
