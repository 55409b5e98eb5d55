package com.taskscheduler.run;

import com.taskscheduler.db.Database;
import com.taskscheduler.db.Dialect;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Filtered, searched, sorted and paged reads of the execution history. Every value is a bound
 * parameter; only allow-listed column names (see {@link SortColumn}) reach the query text.
 */
public final class RunHistory {
  /**
   * Above this many rows (by the statistics) PostgreSQL's total is its planner estimate: an exact
   * COUNT(*) scans the whole table on every page (about 100 ms per million rows).
   */
  static final long ESTIMATE_ABOVE = 100_000;

  /**
   * Filtered counts are exact up to this many rows. Beyond it PostgreSQL reports its planner's
   * estimate and the other databases a lower bound: counting 50,000 matches exactly cost about 100
   * ms per page on PostgreSQL, and a search's count a scan of every row. Counting up to 10,000
   * instead of 1,000 cost 385 ms for a two-letter search on PostgreSQL (docs/benchmarks.md); 1,000
   * is 40 pages of 25, and the paging grows past it as pages are visited.
   */
  static final int COUNT_CAP = 1_000;

  /** The trigram index of V6 (PostgreSQL only, when pg_trgm could be installed). */
  static final String SEARCH_INDEX = "ix_log_task_scheduler_search";

  /** The separator of the searched columns in the index expression (chr(1) in V6). */
  private static final char SEPARATOR = (char) 1;

  private static final Pattern PLAN_ROWS = Pattern.compile("rows=(\\d+)");

  /** The searched columns, in the order of V6's index expression. */
  private static final List<String> SEARCHED =
      List.of(
          "r.scriptFile",
          "r.status",
          "r.insertedBy",
          "r.insertedHost",
          "r.triggeredBy",
          "r.reason");

  /** The same columns by their SQL names, for EXPLAIN. */
  private static final List<String> SEARCHED_COLUMNS =
      List.of("ScriptFile", "Status", "InsertedBy", "InsertedHost", "TriggeredBy", "Reason");

  /**
   * The searched columns as {@link SearchValues} walks them (entity path to SQL name), those with
   * the fewest values first: a column with too many ends the walk.
   */
  private static final Map<String, String> WALKED = walkOrder();

  private static Map<String, String> walkOrder() {
    Map<String, String> walked = new LinkedHashMap<>();
    walked.put("r.status", "Status");
    walked.put("r.triggeredBy", "TriggeredBy");
    walked.put("r.insertedBy", "InsertedBy");
    walked.put("r.insertedHost", "InsertedHost");
    walked.put("r.reason", "Reason");
    walked.put("r.scriptFile", "ScriptFile");
    return Collections.unmodifiableMap(walked);
  }

  private final Database database;
  private final long estimateAbove;
  private final int countCap;
  private final SearchValues searchValues;

  public RunHistory(Database database) {
    this(database, ESTIMATE_ABOVE, COUNT_CAP);
  }

  RunHistory(Database database, long estimateAbove, int countCap) {
    this(
        database,
        estimateAbove,
        countCap,
        new SearchValues(database.dialect(), SearchValues.MAX_VALUES, SearchValues.MAX_LISTED));
  }

  RunHistory(Database database, long estimateAbove, int countCap, SearchValues searchValues) {
    this.database = database;
    this.estimateAbove = estimateAbove;
    this.countCap = countCap;
    this.searchValues = searchValues;
  }

  /** The columns the history may be sorted by: the indexed ones. */
  public enum SortColumn {
    ID("r.id"),
    INSERTED_AT("r.insertedAt"),
    STATUS("r.status"),
    TASK_ID("r.taskId");

    private final String path;

    SortColumn(String path) {
      this.path = path;
    }
  }

  /**
   * What to show. Null fields do not filter. {@code from} is inclusive, {@code toExclusive}
   * exclusive, both local wall-clock times like the InsertedAt column. {@code search} matches
   * case-insensitively anywhere in script, status, user, host, trigger or reason.
   */
  public record Query(
      String status,
      String user,
      String host,
      LocalDateTime from,
      LocalDateTime toExclusive,
      Integer taskId,
      String search,
      SortColumn sort,
      boolean ascending) {

    public static Query all() {
      return new Query(null, null, null, null, null, null, null, SortColumn.INSERTED_AT, false);
    }
  }

  /** How far a count can be trusted. */
  public enum Accuracy {
    /** Counted. */
    EXACT,
    /** PostgreSQL's planner estimate: the real figure may be higher or lower. */
    ESTIMATE,
    /** At least this many: counting stopped there. */
    AT_LEAST
  }

  /**
   * One page. {@code total} is exact, except on PostgreSQL above {@link #ESTIMATE_ABOVE} rows,
   * where it is the statistics' estimate (never below {@code filtered}). {@code filtered} is exact
   * up to the count cap; beyond it an estimate (PostgreSQL) or a lower bound, never below the cap
   * plus one nor below the rows up to the end of this page.
   */
  public record Page(
      long total,
      Accuracy totalAccuracy,
      long filtered,
      Accuracy filteredAccuracy,
      List<Run> rows) {}

  public Page page(Query query, int offset, int limit) {
    return database.read(
        em -> {
          Where where = where(em, query);
          List<Run> rows = rows(em, query, where, offset, limit);
          long seen = (long) offset + rows.size();
          boolean lastPage = rows.size() < limit && (offset == 0 || !rows.isEmpty());
          if (where.isEmpty() && lastPage) {
            // The whole log ends on this page: its end is both counts, no need to ask.
            return new Page(seen, Accuracy.EXACT, seen, Accuracy.EXACT, rows);
          }
          long total;
          Accuracy totalAccuracy = Accuracy.EXACT;
          Long estimate = totalEstimate(em);
          if (estimate != null) {
            total = estimate;
            totalAccuracy = Accuracy.ESTIMATE;
          } else {
            total = em.createQuery("SELECT COUNT(r) FROM Run r", Long.class).getSingleResult();
          }
          long filtered;
          Accuracy filteredAccuracy;
          if (lastPage) {
            filtered = seen;
            filteredAccuracy = Accuracy.EXACT;
          } else if (where.isEmpty()) {
            filtered = total;
            filteredAccuracy = totalAccuracy;
          } else {
            // Rows beyond the cap already seen on this page: the capped count would say the same.
            filtered = seen > countCap ? countCap + 1L : countUpToCap(em, where);
            filteredAccuracy = Accuracy.EXACT;
            if (filtered > countCap) {
              Long planned = database.dialect() == Dialect.POSTGRESQL ? planRows(em, where) : null;
              filtered = Math.max(countCap + 1L, planned == null ? 0 : planned);
              filteredAccuracy = planned == null ? Accuracy.AT_LEAST : Accuracy.ESTIMATE;
            }
          }
          if (filteredAccuracy != Accuracy.EXACT) {
            filtered = Math.max(filtered, seen);
          }
          return new Page(
              Math.max(total, filtered), totalAccuracy, filtered, filteredAccuracy, rows);
        });
  }

  /**
   * PostgreSQL's row estimate of the whole log table when it is above the threshold; null when the
   * exact count is cheap (other databases, small tables, or never analysed: reltuples -1 or 0).
   */
  private Long totalEstimate(EntityManager em) {
    if (database.dialect() != Dialect.POSTGRESQL) {
      return null;
    }
    Object estimate =
        em
            .createNativeQuery(
                "SELECT CAST(reltuples AS BIGINT) FROM pg_class"
                    + " WHERE oid = to_regclass('log_task_scheduler')")
            .getResultList()
            .stream()
            .findFirst()
            .orElse(null);
    return estimate instanceof Number n && n.longValue() > estimateAbove ? n.longValue() : null;
  }

  /** The matching rows counted up to the cap plus one: enough to know whether it is exceeded. */
  private long countUpToCap(EntityManager em, Where where) {
    if (where.matchesNothing()) {
      return 0;
    }
    return where
        .bind(em.createQuery("SELECT r.id FROM Run r" + where.jpql(), Integer.class))
        .setMaxResults(countCap + 1)
        .getResultList()
        .size();
  }

  /** PostgreSQL's planner estimate of the matching rows (EXPLAIN plans, does not run). */
  private static Long planRows(EntityManager em, Where where) {
    var explain = em.createNativeQuery("EXPLAIN SELECT 1 FROM Log_Task_Scheduler" + where.sql());
    for (int i = 0; i < where.positional.size(); i++) {
      explain.setParameter(i + 1, where.positional.get(i));
    }
    List<?> lines = explain.getResultList();
    if (lines.isEmpty()) {
      return null;
    }
    Matcher rows = PLAN_ROWS.matcher(String.valueOf(lines.get(0)));
    return rows.find() ? Long.valueOf(rows.group(1)) : null;
  }

  /** Only the rows, without counting (the legacy {@code ?limit=} list). */
  public List<Run> rows(Query query, int offset, int limit) {
    return database.read(em -> rows(em, query, where(em, query), offset, limit));
  }

  private List<Run> rows(EntityManager em, Query query, Where where, int offset, int limit) {
    if (where.matchesNothing()) {
      return List.of();
    }
    if (database.dialect() != Dialect.H2) {
      return where
          .bind(em.createQuery("SELECT r FROM Run r" + where.jpql() + order(query), Run.class))
          .setFirstResult(offset)
          .setMaxResults(limit)
          .getResultList();
    }
    // H2 does not stop early for ORDER BY ... FETCH FIRST once it filters through another index:
    // for Status=Failed it read and sorted all 50,000 matching rows (585 ms per page). Sorting
    // only their ids, which its (Status, InsertedAt, ID) index holds (V6), then loading the page's
    // rows by id avoids reading the other rows.
    return byIds(
        em, ids(em, where, query).setFirstResult(offset).setMaxResults(limit).getResultList());
  }

  /** Receives an export's rows, a batch at a time. */
  public interface BatchSink {
    void accept(List<Run> batch) throws IOException;
  }

  /**
   * Every matching row, at most {@code maxRows}, in the query's order, a batch at a time. The
   * matching ids and their order are read once, at the start (a million ids take about 20 MB while
   * the export runs): rows written or re-sorted meanwhile can neither repeat nor push others out of
   * the export, as paging by offset would, and no batch rereads the rows before it. Each batch is
   * loaded by id in its own short read, so no connection is held while the client downloads; rows
   * deleted meanwhile (retention) are left out.
   */
  public void export(Query query, int maxRows, int batchSize, BatchSink sink) throws IOException {
    List<Integer> ids =
        database.read(
            em -> {
              Where where = where(em, query);
              return where.matchesNothing()
                  ? List.<Integer>of()
                  : ids(em, where, query).setMaxResults(maxRows).getResultList();
            });
    for (int from = 0; from < ids.size(); from += batchSize) {
      List<Integer> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
      sink.accept(database.read(em -> byIds(em, batch)));
    }
  }

  private static TypedQuery<Integer> ids(EntityManager em, Where where, Query query) {
    return where.bind(
        em.createQuery("SELECT r.id FROM Run r" + where.jpql() + order(query), Integer.class));
  }

  private static String order(Query query) {
    String direction = query.ascending() ? " ASC" : " DESC";
    SortColumn sort = query.sort() == null ? SortColumn.INSERTED_AT : query.sort();
    String order = " ORDER BY " + sort.path + direction;
    if (sort != SortColumn.ID) {
      order += ", r.id" + direction;
    }
    return order;
  }

  /** The rows of these ids, in their order; ids deleted in between are left out. */
  private static List<Run> byIds(EntityManager em, List<Integer> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Integer, Run> byId = new HashMap<>();
    for (Run run :
        em.createQuery("SELECT r FROM Run r WHERE r.id IN :ids", Run.class)
            .setParameter("ids", ids)
            .getResultList()) {
      byId.put(run.getId(), run);
    }
    List<Run> rows = new ArrayList<>(ids.size());
    for (Integer id : ids) {
      Run run = byId.get(id);
      if (run != null) {
        rows.add(run);
      }
    }
    return rows;
  }

  private Where where(EntityManager em, Query query) {
    Where where = new Where();
    if (query.status() != null) {
      RunStatus known = RunStatus.fromValue(query.status().strip()).orElse(null);
      if (known != null) {
        // An IN over the spellings writers use keeps the Status index usable; LOWER() would
        // make PostgreSQL count every log row.
        where.add(
            "r.status IN :statuses",
            "statuses",
            List.of(known.value(), lower(known.value()), known.value().toUpperCase(Locale.ROOT)),
            "Status IN (?, ?, ?)");
      } else {
        where.add(
            "LOWER(r.status) = :status", "status", lower(query.status()), "LOWER(Status) = ?");
      }
    }
    if (query.user() != null) {
      where.add(
          "LOWER(r.insertedBy) = :user", "user", lower(query.user()), "LOWER(InsertedBy) = ?");
    }
    if (query.host() != null) {
      where.add(
          "LOWER(r.insertedHost) = :host", "host", lower(query.host()), "LOWER(InsertedHost) = ?");
    }
    if (query.from() != null) {
      where.add("r.insertedAt >= :from", "from", query.from(), "InsertedAt >= ?");
    }
    if (query.toExclusive() != null) {
      where.add("r.insertedAt < :to", "to", query.toExclusive(), "InsertedAt < ?");
    }
    if (query.taskId() != null) {
      where.add("r.taskId = :taskId", "taskId", query.taskId(), "TaskID = ?");
    }
    if (query.search() != null && !query.search().isEmpty()) {
      String term = lower(query.search());
      String pattern = "%" + escapeLike(term, database.dialect() == Dialect.SQLSERVER) + "%";
      if (term.indexOf(SEPARATOR) < 0 && hasTrigram(term) && searchIndexed(em)) {
        // One LIKE over the expression of the trigram index, so the index serves it.
        where.add(
            "FUNCTION('task_scheduler_history_text', "
                + String.join(", ", SEARCHED)
                + ") LIKE :search ESCAPE '!'",
            "search",
            pattern,
            "task_scheduler_history_text("
                + String.join(", ", SEARCHED_COLUMNS)
                + ") LIKE ? ESCAPE '!'");
      } else if (!searchValues.usable(em) || !searchByValues(em, where, pattern)) {
        where.add(anyLike(SEARCHED, ":search"), "search", pattern, anyLike(SEARCHED_COLUMNS, "?"));
      }
    }
    return where;
  }

  /**
   * Whether the term has three letters or digits in a row, which pg_trgm can look up (a shorter
   * term makes it read the whole trigram index).
   */
  private static boolean hasTrigram(String term) {
    int run = 0;
    for (int i = 0; i < term.length(); i++) {
      run = Character.isLetterOrDigit(term.charAt(i)) ? run + 1 : 0;
      if (run == 3) {
        return true;
      }
    }
    return false;
  }

  /**
   * The search as the columns' matching values (see {@link SearchValues}): a column matching no
   * value is left out, one matching a few values is compared by equality (its index can serve it),
   * the others keep their {@code LIKE}. False when a column has too many values to walk.
   */
  private boolean searchByValues(EntityManager em, Where where, String pattern) {
    Optional<List<SearchValues.Column>> columns = searchValues.match(em, WALKED, pattern);
    if (columns.isEmpty()) {
      return false;
    }
    List<String> jpql = new ArrayList<>();
    List<String> sql = new ArrayList<>();
    Map<String, Object> named = new LinkedHashMap<>();
    List<Object> sqlValues = new ArrayList<>();
    for (SearchValues.Column column : columns.get()) {
      switch (column.use()) {
        case NONE -> {}
        case LISTED -> {
          String name = "searched" + named.size();
          jpql.add(column.path() + " IN :" + name);
          named.put(name, column.values());
          sql.add(
              column.sql()
                  + column.values().stream()
                      .map(v -> "?")
                      .collect(Collectors.joining(", ", " IN (", ")")));
          sqlValues.addAll(column.values());
        }
        case LIKE -> {
          jpql.add("LOWER(" + column.path() + ") LIKE :search ESCAPE '!'");
          named.put("search", pattern);
          sql.add("LOWER(" + column.sql() + ") LIKE ? ESCAPE '!'");
          sqlValues.add(pattern);
        }
      }
    }
    if (jpql.isEmpty()) {
      where.matchNothing();
    } else {
      where.add(
          "(" + String.join(" OR ", jpql) + ")",
          named,
          "(" + String.join(" OR ", sql) + ")",
          sqlValues);
    }
    return true;
  }

  /** {@code (LOWER(a) LIKE p ESCAPE '!' OR ...)} over the columns. */
  private static String anyLike(List<String> columns, String parameter) {
    return columns.stream()
        .map(c -> "LOWER(" + c + ") LIKE " + parameter + " ESCAPE '!'")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  /**
   * Whether PostgreSQL has the (valid) trigram index of V6. Asked per search, one catalog lookup
   * (well under a millisecond): an administrator may drop or rebuild it while we run.
   */
  private boolean searchIndexed(EntityManager em) {
    if (database.dialect() != Dialect.POSTGRESQL) {
      return false;
    }
    return !em.createNativeQuery(
            "SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('"
                + SEARCH_INDEX
                + "') AND indisvalid")
        .getResultList()
        .isEmpty();
  }

  /**
   * Makes {@code %}, {@code _} and the escape character itself match literally, and on SQL Server
   * also {@code [}, which starts a character class there (other databases refuse that escape).
   */
  static String escapeLike(String text, boolean bracketIsSpecial) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (c == '!' || c == '%' || c == '_' || (bracketIsSpecial && c == '[')) {
        b.append('!');
      }
      b.append(c);
    }
    return b.toString();
  }

  private static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  /** The conditions in JPQL (named parameters) and, for EXPLAIN, in SQL (positional). */
  private static final class Where {
    private final List<String> jpql = new ArrayList<>();
    private final List<String> sql = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Object> positional = new ArrayList<>();
    private boolean nothing;

    /**
     * Adds a condition; {@code sqlCondition} has one {@code ?} per value (a list value: one per
     * element).
     */
    void add(String jpqlCondition, String name, Object value, String sqlCondition) {
      add(
          jpqlCondition,
          Map.of(name, value),
          sqlCondition,
          value instanceof List<?> list
              ? List.copyOf(list)
              : Collections.nCopies(
                  (int) sqlCondition.chars().filter(c -> c == '?').count(), value));
    }

    /**
     * Adds a condition with its named parameters, and its SQL form whose {@code ?} take {@code
     * sqlValues} in order.
     */
    void add(
        String jpqlCondition, Map<String, Object> named, String sqlCondition, List<?> sqlValues) {
      jpql.add(jpqlCondition);
      parameters.putAll(named);
      StringBuilder numbered = new StringBuilder();
      int next = 0;
      for (char c : sqlCondition.toCharArray()) {
        if (c == '?') {
          numbered.append('?').append(positional.size() + 1);
          positional.add(sqlValues.get(next++));
        } else {
          numbered.append(c);
        }
      }
      sql.add(numbered.toString());
    }

    /**
     * No row can match: callers skip the query (the condition, kept for any other use, is false).
     */
    void matchNothing() {
      nothing = true;
      jpql.add("1 = 0");
      sql.add("1 = 0");
    }

    boolean matchesNothing() {
      return nothing;
    }

    boolean isEmpty() {
      return jpql.isEmpty();
    }

    String jpql() {
      return isEmpty() ? "" : " WHERE " + String.join(" AND ", jpql);
    }

    String sql() {
      return isEmpty() ? "" : " WHERE " + String.join(" AND ", sql);
    }

    <T> TypedQuery<T> bind(TypedQuery<T> query) {
      parameters.forEach(query::setParameter);
      return query;
    }
  }
}
