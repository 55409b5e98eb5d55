package com.taskscheduler.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The one place where failures become responses: always {@code {"error": "..."}} with the right
 * status, never a stack trace or a class name.
 */
final class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    if (failure instanceof ApiError error) {
      return json(error.status().getStatusCode(), error.getMessage());
    }
    if (failure instanceof WebApplicationException web) {
      int status = web.getResponse().getStatus();
      Status known = Status.fromStatusCode(status);
      return json(status, known == null ? "request failed" : known.getReasonPhrase());
    }
    if (failure instanceof JsonMappingException mapping) {
      return json(400, "invalid JSON value at " + path(mapping));
    }
    if (failure instanceof JsonProcessingException parsing) {
      var at = parsing.getLocation();
      return json(
          400,
          at == null
              ? "malformed JSON"
              : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    if (isClientGone(failure)) {
      // The client closed the connection mid-response (a reload, a load tool stopping): nothing
      // to answer and nothing wrong here; a SEVERE stack trace per abort would flood the log.
      LOG.fine(() -> "Client went away: " + rootMessage(failure));
      return Response.noContent().build();
    }
    if (isDatabaseUnavailable(failure)) {
      LOG.warning("Database unavailable: " + rootMessage(failure));
      return json(503, "database unavailable");
    }
    LOG.log(Level.SEVERE, "Unexpected failure", failure);
    return json(500, "internal error (see the server log)");
  }

  /** Statement cancelled: PostgreSQL and H2 57014, SQL Server HY008, generic HYT00. */
  private static final Set<String> TIMED_OUT = Set.of("57014", "HY008", "HYT00");

  static Response json(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", message))
        .build();
  }

  private static String path(JsonMappingException mapping) {
    String path =
        mapping.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? "the top level" : "field " + path;
  }

  /**
   * Connection failures (SQLState class 08, pool time-outs) mean the database is down; a statement
   * cancelled at the query timeout (Database.QUERY_TIMEOUT) that it is too busy to answer.
   */
  static boolean isDatabaseUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTimeoutException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || TIMED_OUT.contains(sql.getSQLState()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Tomcat's ClientAbortException, Jetty's EofException: the container's "client went away". */
  static boolean isClientGone(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (name.equals("ClientAbortException") || name.equals("EofException")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
