package com.taskscheduler.auth;

import com.taskscheduler.audit.AuditLog;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code /logout} (GET or POST): ends the session, so its id is dead, and goes to the login page.
 */
public final class LogoutServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient AuditLog audit;
  private final String target;

  /**
   * @param loginEnabled whether a password is set; without one there is no login page
   */
  public LogoutServlet(AuditLog audit, boolean loginEnabled) {
    this.audit = audit;
    this.target = loginEnabled ? "/login" : "/";
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    logout(request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    logout(request, response);
  }

  private void logout(HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      String actor = Actors.of(request);
      try {
        session.invalidate();
      } catch (IllegalStateException alreadyInvalid) {
        // ended meanwhile: the result is the same
      }
      audit.record(actor, Actors.client(request), "logout", "dashboard", null, null);
    }
    LoginServlet.redirect(request, response, target);
  }
}
