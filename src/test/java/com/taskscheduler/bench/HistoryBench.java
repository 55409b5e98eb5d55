package com.taskscheduler.bench;

import com.taskscheduler.db.Database;
import com.taskscheduler.run.RunHistory;
import com.taskscheduler.run.RunHistory.Query;
import com.taskscheduler.run.RunHistory.SortColumn;
import com.taskscheduler.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** History pages (RunHistory: count, filter, search, sort, page) over a million log rows. */
public final class HistoryBench {
  private static final String[] STATUSES = {
    "Success", "Success", "Success", "Success", "Success", "Success", "Success", "Success",
    "Success", "Success", "Success", "Success", "Success", "Success", "Success", "Success",
    "Failed", "Timeout", "Killed", "Missed"
  };

  private final Path home;

  public HistoryBench(Path home) {
    this.home = home;
  }

  public void run(int rows, int repetitions) throws Exception {
    List<Double> worst = new ArrayList<>();
    for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
      if (!System.getProperty("bench.history.kinds", "H2 POSTGRESQL").contains(kind.name())) {
        continue;
      }
      String url =
          kind == TestDatabases.Kind.H2
              // H2 hands back the previous result of an identical query on an unchanged table;
              // that would time its cache, not the query.
              ? "jdbc:h2:file:"
                  + home.resolve("history-h2")
                  + TestDatabases.H2_OPTIONS
                  + ";OPTIMIZE_REUSE_RESULTS=FALSE"
              : TestDatabases.freshUrl(kind);
      // Pooled, as the application's own DataSource is: opening an H2 file connection costs ~300
      // ms.
      HikariDataSource ds = new HikariDataSource();
      ds.setJdbcUrl(url);
      ds.setUsername(kind == TestDatabases.Kind.H2 ? "sa" : "postgres");
      ds.setMaximumPoolSize(4);
      try (Database database = Database.open(ds, ds)) {
        long t0 = System.nanoTime();
        insert(ds, rows);
        if (kind == TestDatabases.Kind.POSTGRESQL) {
          // What autovacuum does soon after a bulk load (since PostgreSQL 13 it also vacuums after
          // inserts): statistics for the planner, the visibility map for index-only scans, and
          // the trigram index's pending entries merged into the index proper.
          try (Connection c = ds.getConnection();
              java.sql.Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE Log_Task_Scheduler");
          }
        }
        Report.line(
            String.format(
                Locale.ROOT,
                "history, %s: %d rows inserted in %.1f s",
                kind,
                rows,
                (System.nanoTime() - t0) / 1e9));
        RunHistory history = new RunHistory(database);
        Map<String, Query> queries = new LinkedHashMap<>();
        queries.put("first page, newest first", Query.all());
        queries.put("page 400 (offset 10,000)", Query.all()); // offset below
        queries.put(
            "filter Status=Failed",
            new Query("Failed", null, null, null, null, null, null, SortColumn.INSERTED_AT, false));
        queries.put(
            "filter TaskID=42",
            new Query(null, null, null, null, null, 42, null, SortColumn.INSERTED_AT, false));
        queries.put(
            "sort by Status asc",
            new Query(null, null, null, null, null, null, null, SortColumn.STATUS, true));
        queries.put(
            "search 'job12' (frequent)",
            new Query(null, null, null, null, null, null, "job12", SortColumn.INSERTED_AT, false));
        queries.put(
            "search 'no-such-text' (no match)",
            new Query(
                null, null, null, null, null, null, "no-such-text", SortColumn.INSERTED_AT, false));
        queries.put(
            "search 'job999.py' (one script: 1,000 rows, under the count cap)",
            new Query(
                null, null, null, null, null, null, "job999.py", SortColumn.INSERTED_AT, false));
        queries.put(
            "search 'zq' (2 characters, no match: no trigram to look up)",
            new Query(null, null, null, null, null, null, "zq", SortColumn.INSERTED_AT, false));
        queries.put(
            "search 'jo' (2 characters, every row matches)",
            new Query(null, null, null, null, null, null, "jo", SortColumn.INSERTED_AT, false));
        scanFloor(ds, kind);
        // Every query runs a few times before any is timed: the first search timed otherwise paid
        // for compiling the search path the later ones share (its median twice theirs).
        for (int round = 0; round < 3; round++) {
          for (Map.Entry<String, Query> q : queries.entrySet()) {
            try {
              history.page(q.getValue(), q.getKey().startsWith("page 400") ? 10_000 : 0, 25);
            } catch (RuntimeException e) {
              Report.line("history, " + kind + ", warm-up " + q.getKey() + ": " + rootCause(e));
            }
          }
        }
        for (Map.Entry<String, Query> q : queries.entrySet()) {
          int offset = q.getKey().startsWith("page 400") ? 10_000 : 0;
          List<Double> millis = new ArrayList<>();
          RunHistory.Page page = null;
          for (int attempt = 1; attempt <= 2 && page == null; attempt++) {
            try {
              for (int i = 0; i < repetitions + 3; i++) {
                long s = System.nanoTime();
                page = history.page(q.getValue(), offset, 25);
                if (i >= 3) {
                  millis.add((System.nanoTime() - s) / 1e6);
                }
              }
            } catch (RuntimeException e) {
              // Reported, not hidden: H2 2.3.232 failed here with "MVStoreException: Chunk N not
              // found" (an open H2 bug) in several runs; the series is then tried once more.
              Report.line(
                  "history, "
                      + kind
                      + ", "
                      + q.getKey()
                      + ": ERROR (attempt "
                      + attempt
                      + ") "
                      + rootCause(e));
              page = null;
              millis.clear();
            }
          }
          if (page == null) {
            Report.result(
                "history page p95, " + kind + ", " + q.getKey(), "<= 50 ms", "error", false);
            continue;
          }
          Stats stats = Stats.of(millis);
          worst.add(stats.p95());
          Report.line(
              String.format(
                  Locale.ROOT,
                  "history, %s, %s: total=%d (%s) filtered=%d (%s) rows=%d; %s",
                  kind,
                  q.getKey(),
                  page.total(),
                  page.totalAccuracy(),
                  page.filtered(),
                  page.filteredAccuracy(),
                  page.rows().size(),
                  stats.line("ms")));
          Report.result(
              "history page p95, " + kind + ", " + q.getKey(),
              "<= 50 ms",
              String.format(Locale.ROOT, "%.1f ms", stats.p95()),
              stats.p95() <= 50);
        }
        export(history, kind);
        valuesIndexBuild(ds, kind);
        if (kind == TestDatabases.Kind.POSTGRESQL) {
          searchIndexBuild(ds);
        }
      }
    }
  }

  /**
   * The CSV export's reads of 100,000 rows, as shipped (the ids once, then batches of 1,000 by id)
   * and as it was (pages of 1,000 by offset, each rereading the rows before it), side by side.
   */
  private static void export(RunHistory history, TestDatabases.Kind kind) throws Exception {
    int rows = 100_000;
    int batch = 1_000;
    for (int round = 1; round <= 2; round++) {
      long[] count = {0};
      long s = System.nanoTime();
      history.export(Query.all(), rows, batch, b -> count[0] += b.size());
      double byIds = (System.nanoTime() - s) / 1e9;
      s = System.nanoTime();
      long paged = 0;
      for (int offset = 0; offset < rows; offset += batch) {
        paged += history.rows(Query.all(), offset, batch).size();
      }
      double byOffset = (System.nanoTime() - s) / 1e9;
      Report.line(
          String.format(
              Locale.ROOT,
              "history, %s, export of %d rows (round %d): ids once then by id %.1f s;"
                  + " by offset %.1f s (%d rows)",
              kind,
              count[0],
              round,
              byIds,
              byOffset,
              paged));
    }
  }

  /**
   * What migration V6 costs on a log table that already has these rows: building the trigram index
   * (writers to the log wait meanwhile).
   */
  private static void searchIndexBuild(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        java.sql.Statement st = c.createStatement()) {
      st.execute("DROP INDEX IF EXISTS IX_Log_Task_Scheduler_Search");
      long s = System.nanoTime();
      st.execute(
          "CREATE INDEX IX_Log_Task_Scheduler_Search ON Log_Task_Scheduler USING gin"
              + " (task_scheduler_history_text(ScriptFile, Status, InsertedBy, InsertedHost,"
              + " TriggeredBy, Reason) gin_trgm_ops)");
      Report.line(
          String.format(
              Locale.ROOT,
              "history, POSTGRESQL: migration V6's trigram index built on the existing rows in"
                  + " %.1f s",
              (System.nanoTime() - s) / 1e9));
    }
  }

  /** Migration V9's indexes dropped and built again, as V9 builds them on an existing log. */
  private static void valuesIndexBuild(DataSource ds, TestDatabases.Kind kind) throws Exception {
    String script =
        new String(
            HistoryBench.class
                .getResourceAsStream(
                    "/db/migration/"
                        + kind.name().toLowerCase(Locale.ROOT)
                        + "/V9__history_search_values.sql")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    List<String> creates = new ArrayList<>();
    for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        creates.add(statement.strip());
      }
    }
    try (Connection c = ds.getConnection();
        java.sql.Statement st = c.createStatement()) {
      for (String create : creates) {
        st.execute("DROP INDEX IF EXISTS " + create.split("\\s+")[2]);
      }
      long s = System.nanoTime();
      for (String create : creates) {
        st.execute(create);
      }
      Report.line(
          String.format(
              Locale.ROOT,
              "history, %s: migration V9's %d indexes built on the existing rows in %.1f s",
              kind,
              creates.size(),
              (System.nanoTime() - s) / 1e9));
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.toString();
  }

  /**
   * What no index can avoid: one pass over every log row, bare (an unindexed equality) and with the
   * search's LOWER(...) LIKE on one and on six columns, as plain JDBC (no JPA). A substring search
   * with no index cannot be faster than the first figure. Each call uses a new literal: H2 would
   * otherwise reuse the previous result of an identical query on an unchanged table.
   */
  private static void scanFloor(DataSource ds, TestDatabases.Kind kind) throws Exception {
    String[] scans = {
      "SELECT COUNT(*) FROM Log_Task_Scheduler WHERE TraceID = '#'",
      "SELECT COUNT(*) FROM Log_Task_Scheduler WHERE LOWER(ScriptFile) LIKE '%#%'",
      "SELECT COUNT(*) FROM Log_Task_Scheduler WHERE LOWER(ScriptFile) LIKE '%#%'"
          + " OR LOWER(Status) LIKE '%#%' OR LOWER(InsertedBy) LIKE '%#%'"
          + " OR LOWER(InsertedHost) LIKE '%#%' OR LOWER(TriggeredBy) LIKE '%#%'"
          + " OR LOWER(Reason) LIKE '%#%'"
    };
    String[] names = {"bare full scan", "LIKE on one column", "LIKE on six columns"};
    try (Connection c = ds.getConnection();
        java.sql.Statement st = c.createStatement()) {
      for (int n = 0; n < scans.length; n++) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String sql = scans[n].replace("#", "no-such-text-" + n + "-" + i);
          long s = System.nanoTime();
          try (java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
          }
          if (i >= 3) {
            millis.add((System.nanoTime() - s) / 1e6);
          }
        }
        Report.line(
            String.format(
                Locale.ROOT,
                "history, %s, floor: %s of the log table (JDBC, COUNT(*)): %s",
                kind,
                names[n],
                Stats.of(millis).line("ms")));
      }
    }
  }

  public static void insert(DataSource ds, int rows) throws Exception {
    insert(ds, rows, 0);
  }

  /** The reasons the scheduler writes for runs that did not succeed. */
  private static String reason(String status, int i) {
    return switch (status) {
      case "Failed" -> "exit code " + (1 + i % 5);
      case "Timeout" -> "timed out after 600 s";
      case "Killed" -> "killed from the dashboard by alice";
      case "Missed" -> "missed while no scheduler ran";
      default -> null;
    };
  }

  /** Inserts rows number {@code first} to {@code first + rows - 1} of the synthetic history. */
  public static void insert(DataSource ds, int rows, int first) throws Exception {
    LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO Log_Task_Scheduler (ScriptFile, Status, SessionID, IsProd, TraceID,"
                  + " HeartbeatID, InsertedAt, InsertedBy, InsertedHost, TaskID, FireTime,"
                  + " StartedAt, FinishedAt, ExitCode, DurationMs, TriggeredBy, Reason)"
                  + " VALUES (?, ?, 'From_Java_Scheduler', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  + " ?)")) {
        for (int i = first; i < first + rows; i++) {
          LocalDateTime at = start.plusSeconds(i * 30L);
          String status = STATUSES[i % STATUSES.length];
          ps.setString(1, "job" + (i % 1000) + ".py");
          ps.setString(2, status);
          ps.setBoolean(3, true);
          ps.setString(4, "trace-" + i);
          ps.setString(5, Long.toString(1_700_000_000_000_000L + i / 5000));
          ps.setTimestamp(6, Timestamp.valueOf(at));
          ps.setString(7, "alice");
          ps.setString(8, "host" + (i % 10));
          ps.setInt(9, i % 1000);
          ps.setTimestamp(10, Timestamp.valueOf(at));
          ps.setTimestamp(11, Timestamp.valueOf(at.plusNanos(5_000_000)));
          ps.setTimestamp(12, Timestamp.valueOf(at.plusSeconds(2)));
          ps.setInt(13, status.equals("Success") ? 0 : 1);
          ps.setLong(14, 1995);
          ps.setString(15, "schedule");
          ps.setString(16, reason(status, i));
          ps.addBatch();
          if (i % 5000 == 4999) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }
}
