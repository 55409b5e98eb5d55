package com.taskscheduler.run;

import com.taskscheduler.db.Database;
import com.taskscheduler.db.Dialect;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  private final Database database;
  private final long estimateAbove;

  public RunHistory(Database database) {
    this(database, ESTIMATE_ABOVE);
  }

  RunHistory(Database database, long estimateAbove) {
    this.database = database;
    this.estimateAbove = estimateAbove;
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

  /**
   * One page. {@code total} is exact, except on PostgreSQL above {@link #ESTIMATE_ABOVE} rows,
   * where it is the statistics' estimate (never below {@code filtered}).
   */
  public record Page(long total, long filtered, List<Run> rows) {}

  public Page page(Query query, int offset, int limit) {
    return database.read(
        em -> {
          long total = total(em);
          Where where = where(query);
          long filtered =
              where.isEmpty()
                  ? total
                  : where
                      .bind(em.createQuery("SELECT COUNT(r) FROM Run r" + where.text, Long.class))
                      .getSingleResult();
          return new Page(
              Math.max(total, filtered), filtered, rows(em, query, where, offset, limit));
        });
  }

  private long total(EntityManager em) {
    if (database.dialect() == Dialect.POSTGRESQL) {
      // reltuples is -1 (or 0) until the table was first analysed: then the exact count is cheap.
      Object estimate =
          em
              .createNativeQuery(
                  "SELECT CAST(reltuples AS BIGINT) FROM pg_class"
                      + " WHERE oid = to_regclass('log_task_scheduler')")
              .getResultList()
              .stream()
              .findFirst()
              .orElse(null);
      if (estimate instanceof Number n && n.longValue() > estimateAbove) {
        return n.longValue();
      }
    }
    return em.createQuery("SELECT COUNT(r) FROM Run r", Long.class).getSingleResult();
  }

  /** Only the rows, for streaming exports page by page. */
  public List<Run> rows(Query query, int offset, int limit) {
    return database.read(em -> rows(em, query, where(query), offset, limit));
  }

  private static List<Run> rows(EntityManager em, Query query, Where where, int offset, int limit) {
    String direction = query.ascending() ? " ASC" : " DESC";
    SortColumn sort = query.sort() == null ? SortColumn.INSERTED_AT : query.sort();
    String order = " ORDER BY " + sort.path + direction;
    if (sort != SortColumn.ID) {
      order += ", r.id" + direction;
    }
    return where
        .bind(em.createQuery("SELECT r FROM Run r" + where.text + order, Run.class))
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  private Where where(Query query) {
    Where where = new Where();
    if (query.status() != null) {
      RunStatus known = RunStatus.fromValue(query.status().strip()).orElse(null);
      if (known != null) {
        // An IN over the spellings writers use keeps the Status index usable; LOWER() would
        // make PostgreSQL count every log row.
        where.add(
            "r.status IN :statuses",
            "statuses",
            List.of(known.value(), lower(known.value()), known.value().toUpperCase(Locale.ROOT)));
      } else {
        where.add("LOWER(r.status) = :status", "status", lower(query.status()));
      }
    }
    if (query.user() != null) {
      where.add("LOWER(r.insertedBy) = :user", "user", lower(query.user()));
    }
    if (query.host() != null) {
      where.add("LOWER(r.insertedHost) = :host", "host", lower(query.host()));
    }
    if (query.from() != null) {
      where.add("r.insertedAt >= :from", "from", query.from());
    }
    if (query.toExclusive() != null) {
      where.add("r.insertedAt < :to", "to", query.toExclusive());
    }
    if (query.taskId() != null) {
      where.add("r.taskId = :taskId", "taskId", query.taskId());
    }
    if (query.search() != null && !query.search().isEmpty()) {
      String pattern =
          "%" + escapeLike(lower(query.search()), database.dialect() == Dialect.SQLSERVER) + "%";
      StringBuilder any = new StringBuilder("(");
      String[] columns = {
        "r.scriptFile", "r.status", "r.insertedBy", "r.insertedHost", "r.triggeredBy", "r.reason"
      };
      for (int i = 0; i < columns.length; i++) {
        any.append(i == 0 ? "" : " OR ")
            .append("LOWER(")
            .append(columns[i])
            .append(") LIKE :search ESCAPE '!'");
      }
      where.add(any.append(')').toString(), "search", pattern);
    }
    return where;
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

  private static final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private String text = "";

    void add(String condition, String name, Object value) {
      conditions.add(condition);
      parameters.put(name, value);
      text = " WHERE " + String.join(" AND ", conditions);
    }

    boolean isEmpty() {
      return conditions.isEmpty();
    }

    <T> TypedQuery<T> bind(TypedQuery<T> query) {
      parameters.forEach(query::setParameter);
      return query;
    }
  }
}
