package com.taskscheduler.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** Who made a request, for the audit trail: the login that owns the session, or "open". */
public final class Actors {
  /** The session attribute holding the login's label (never the session id itself). */
  static final String LOGIN_ATTRIBUTE = "taskscheduler.login";

  private Actors() {}

  public static String of(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object login = session == null ? null : session.getAttribute(LOGIN_ATTRIBUTE);
    return login == null ? "open" : "session " + login;
  }

  /** The client's address as the container sees it. */
  public static String client(HttpServletRequest request) {
    return request.getRemoteAddr();
  }
}
