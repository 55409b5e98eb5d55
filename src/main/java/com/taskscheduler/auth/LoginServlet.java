package com.taskscheduler.auth;

import com.taskscheduler.audit.AuditLog;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * {@code GET /login} shows the form; {@code POST /login} checks the form field {@code password}. A
 * success starts a new session (a session from before the login is invalidated, so its id dies)
 * with the configured idle timeout; failures are throttled per client.
 */
public final class LoginServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final int MAX_FAILURES = 10;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);

  private final transient PasswordCheck password;
  private final transient LoginThrottle throttle;
  private final transient AuditLog audit;
  private final int idleSeconds;
  private final transient SecureRandom random = new SecureRandom();

  public LoginServlet(String password, Duration idleTimeout, Clock clock, AuditLog audit) {
    this.password = new PasswordCheck(password);
    this.throttle = new LoginThrottle(MAX_FAILURES, FAILURE_WINDOW, clock);
    this.audit = audit;
    this.idleSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, idleTimeout.toSeconds()));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (AuthFilter.isLoggedIn(request)) {
      redirect(request, response, "/");
      return;
    }
    request.getRequestDispatcher("/login.html").forward(request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String client = Actors.client(request);
    Duration wait = throttle.retryAfter(client);
    if (!wait.isZero() && !wait.isNegative()) {
      long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
      response.setHeader("Retry-After", Long.toString(seconds));
      Responses.json(response, 429, "too many failed logins; try again in " + seconds + " s");
      return;
    }
    String given;
    try {
      given = request.getParameter("password");
    } catch (RuntimeException e) {
      given = null;
    }
    if (!password.matches(given)) {
      throttle.failed(client);
      audit.record("anonymous", client, "login", "dashboard", null, "{\"result\":\"failed\"}");
      redirect(request, response, "/login?failed=1");
      return;
    }
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    HttpSession session = request.getSession(true);
    String label = HexFormat.of().formatHex(randomBytes());
    session.setAttribute(Actors.LOGIN_ATTRIBUTE, label);
    session.setMaxInactiveInterval(idleSeconds);
    audit.record("session " + label, client, "login", "dashboard", null, "{\"result\":\"ok\"}");
    redirect(request, response, "/");
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[4];
    random.nextBytes(bytes);
    return bytes;
  }

  static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + path);
  }
}
