package com.taskscheduler.run;

import com.taskscheduler.db.Dialect;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which values of the searched columns a search term matches, read from the columns' indexes
 * instead of the log's rows (H2 and PostgreSQL; V9 indexes them). The searched columns hold few
 * distinct values (scripts, statuses, users, hosts, triggers, templated reasons) in many rows: a
 * search that matches no value needs no row read at all, and one that matches a few values can look
 * their rows up by index. A {@code LIKE '%term%'} over the rows is a scan of the whole log (1.5 s
 * per million rows on H2), which no index can serve on H2, nor pg_trgm on PostgreSQL for a term
 * shorter than a trigram.
 *
 * <p>Each column's distinct values are walked in index order, one index seek per value (a recursive
 * query: 1,000 script names take about 5 ms on H2), and matched with the same {@code LOWER(value)
 * LIKE pattern} the rows would be, so the answer is the database's own. The walk stops after {@link
 * #maxValues} values: a column with more is not worth walking, and the caller searches the rows as
 * before.
 */
final class SearchValues {

  /** Distinct values walked per column before giving up (about 10 ms on H2). */
  static final int MAX_VALUES = 2_000;

  /**
   * Matching values looked up by equality, per column; a column matching more keeps its {@code
   * LIKE}: its values are then likely frequent, and the newest-first scan finds a page of them
   * sooner than the database joins a long list of values.
   */
  static final int MAX_LISTED = 50;

  /**
   * PostgreSQL indexes only this many leading characters of Reason (V9): a whole value of up to
   * 1,000 characters could exceed a B-tree entry's 2,704 bytes and make the row's write fail.
   * Longer values are rare (reasons are short sentences) and have a partial index of their own.
   */
  static final int REASON_PREFIX = 400;

  /** How a search condition treats one column. */
  enum Use {
    /** No value of the column matches: the column is left out of the condition. */
    NONE,
    /** The column equals one of {@link Column#values}. */
    LISTED,
    /** The column keeps its {@code LOWER(column) LIKE pattern}. */
    LIKE
  }

  /** One searched column: by its entity path and SQL name, and what the term makes of it. */
  record Column(String path, String sql, Use use, List<String> values) {}

  /**
   * The indexes a walk seeks in on PostgreSQL (V4's on Status, V9's on the others): without one, a
   * walk would read the whole log once per value.
   */
  static final List<String> POSTGRESQL_INDEXES =
      List.of(
          "ix_log_task_scheduler_status_id",
          "ix_log_task_scheduler_scriptfile",
          "ix_log_task_scheduler_insertedby",
          "ix_log_task_scheduler_insertedhost",
          "ix_log_task_scheduler_triggeredby",
          "ix_log_task_scheduler_reason",
          "ix_log_task_scheduler_longreason");

  private final Dialect dialect;
  private final int maxValues;
  private final int maxListed;

  SearchValues(Dialect dialect, int maxValues, int maxListed) {
    this.dialect = dialect;
    this.maxValues = maxValues;
    this.maxListed = maxListed;
  }

  /**
   * Whether the columns can be walked here. On PostgreSQL the indexes are looked up per search (a
   * catalog lookup well under a millisecond): an administrator may drop or rebuild one while we
   * run. H2 is the embedded database, whose indexes only our migrations make; SQL Server has none
   * for this.
   */
  boolean usable(EntityManager em) {
    return switch (dialect) {
      case H2 -> true;
      case POSTGRESQL -> postgresqlIndexed(em);
      default -> false;
    };
  }

  private static boolean postgresqlIndexed(EntityManager em) {
    String sql =
        POSTGRESQL_INDEXES.stream()
            .map(index -> "to_regclass('" + index + "')")
            .collect(
                Collectors.joining(
                    ", ",
                    "SELECT COUNT(*) FROM pg_index WHERE indisvalid AND indexrelid IN (",
                    ")"));
    Number valid = (Number) em.createNativeQuery(sql).getSingleResult();
    return valid.intValue() == POSTGRESQL_INDEXES.size();
  }

  /**
   * What the term (an escaped {@code LIKE} pattern, {@code !} escaping) makes of each column, in
   * the order given; empty when some column holds too many values to walk.
   *
   * @param columns entity path to SQL column name
   */
  Optional<List<Column>> match(EntityManager em, Map<String, String> columns, String pattern) {
    List<Column> result = new ArrayList<>(columns.size());
    for (Map.Entry<String, String> column : columns.entrySet()) {
      Optional<Column> one = match(em, column.getKey(), column.getValue(), pattern);
      if (one.isEmpty()) {
        return Optional.empty();
      }
      result.add(one.get());
    }
    return Optional.of(result);
  }

  private Optional<Column> match(EntityManager em, String path, String column, String pattern) {
    boolean prefixed = dialect == Dialect.POSTGRESQL && column.equalsIgnoreCase("Reason");
    List<?> rows =
        em.createNativeQuery(walk(column, prefixed))
            .setParameter(1, maxValues)
            .setParameter(2, maxValues)
            .setParameter(3, pattern)
            .getResultList();
    List<String> values = new ArrayList<>();
    for (Object row : rows) {
      Object[] cells = (Object[]) row;
      if (((Number) cells[1]).intValue() > maxValues) {
        return Optional.empty();
      }
      values.add((String) cells[0]);
    }
    if (prefixed && longerValueMatches(em, column, pattern)) {
      return Optional.of(new Column(path, column, Use.LIKE, List.of()));
    }
    if (values.isEmpty()) {
      return Optional.of(new Column(path, column, Use.NONE, List.of()));
    }
    if (values.size() > maxListed) {
      return Optional.of(new Column(path, column, Use.LIKE, List.of()));
    }
    return Optional.of(new Column(path, column, Use.LISTED, List.copyOf(values)));
  }

  /**
   * Whether a value longer than PostgreSQL's indexed prefix matches: those few rows are read whole,
   * found through V9's partial index on them.
   */
  private static boolean longerValueMatches(EntityManager em, String column, String pattern) {
    return !em.createNativeQuery(
            "SELECT 1 FROM Log_Task_Scheduler WHERE LENGTH("
                + column
                + ") >= "
                + REASON_PREFIX
                + " AND LOWER("
                + column
                + ") LIKE ?1 ESCAPE '!' FETCH FIRST 1 ROW ONLY")
        .setParameter(1, pattern)
        .getResultList()
        .isEmpty();
  }

  /**
   * The recursive walk over the column's index: the smallest value, then each next one by an index
   * seek. Rows: matching values with their position, and the value past the limit if any (position
   * {@code > limit}), so one statement answers both questions. A prefixed column's walk yields only
   * its whole values, those shorter than the prefix.
   */
  private String walk(String column, boolean prefixed) {
    String key = prefixed ? "left(" + column + ", " + REASON_PREFIX + ")" : column;
    // H2 starts a range scan "key > x" at the first entry equal to x and steps over all its rows
    // (6 ms for 50,000 equal values); "key >= x || CHAR(0)", the next possible string, starts
    // right after them. The strict comparison stays as the guarantee of progress.
    String next =
        dialect == Dialect.H2
            ? key + " >= CONCAT(v.x, CHAR(0)) AND " + key + " > v.x"
            : key + " > v.x";
    String whole = prefixed ? "LENGTH(x) < " + REASON_PREFIX + " AND " : "";
    // The first value by the same seek from the empty string, the smallest: MIN() on H2 stepped
    // over every NULL first (800,000 Reasons: 110 ms).
    return "WITH RECURSIVE v(x, n) AS (SELECT (SELECT "
        + key
        + " FROM Log_Task_Scheduler WHERE "
        + key
        + " >= '' ORDER BY "
        + key
        + " FETCH FIRST 1 ROW ONLY), 1 UNION ALL SELECT (SELECT "
        + key
        + " FROM Log_Task_Scheduler WHERE "
        + next
        + " ORDER BY "
        + key
        + " FETCH FIRST 1 ROW ONLY), n + 1 FROM v WHERE v.x IS NOT NULL AND n <= ?1)"
        + " SELECT x, n FROM v WHERE x IS NOT NULL AND (n > ?2 OR "
        + whole
        + "LOWER(x) LIKE ?3 ESCAPE '!')";
  }
}
