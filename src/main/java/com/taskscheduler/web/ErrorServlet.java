package com.taskscheduler.web;

import com.taskscheduler.auth.Responses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's own errors as the API's JSON, {@code {"error": "..."}} (web.xml's error page): an
 * unknown file, a request the container refuses before our code runs, an exception escaping a
 * filter. Otherwise Tomcat answers with its HTML page, which names its version and, for an
 * exception, prints the stack trace. Only the status's reason is said; the failure is logged.
 */
public final class ErrorServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // Asked for directly, not as an error page: there is nothing here.
    int status =
        request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
            ? code
            : HttpServletResponse.SC_NOT_FOUND;
    if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
      LOG.log(
          Level.WARNING,
          "Request to " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + " failed",
          failure);
    }
    Status known = Status.fromStatusCode(status);
    String reason = known == null ? "request failed" : known.getReasonPhrase();
    response.setHeader("Cache-Control", "no-store");
    if ("HEAD".equals(request.getMethod())) {
      response.setStatus(status);
      return;
    }
    Responses.json(response, status, reason);
  }
}
