package com.taskscheduler.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses every request without a logged-in session, except the login page and the static assets it
 * needs. Deny by default: the decision uses the container's decoded, normalized path, so spellings
 * like {@code /api;x=1/tasks} or {@code /api/%2e/tasks} gain nothing. API calls get 401 JSON; pages
 * are redirected to the login page. Installed only when a password is set.
 */
public final class AuthFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final List<String> PUBLIC_PREFIXES = List.of("/css/", "/js/", "/img/", "/fonts/");
  private static final List<String> PUBLIC_PATHS =
      List.of("/login", "/login.html", "/favicon.ico", "/favicon.svg");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = path(request);
    if (isPublic(request.getMethod(), path) || isLoggedIn(request)) {
      chain.doFilter(request, response);
      return;
    }
    if (path.toLowerCase(Locale.ROOT).startsWith("/api")) {
      Responses.json(response, HttpServletResponse.SC_UNAUTHORIZED, "login required");
    } else {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", request.getContextPath() + "/login");
    }
  }

  static boolean isLoggedIn(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(Actors.LOGIN_ATTRIBUTE) != null;
  }

  /** The path inside the application as the container decoded and normalized it. */
  static String path(HttpServletRequest request) {
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
    String path = servletPath + pathInfo;
    return path.isEmpty() ? "/" : path;
  }

  private static boolean isPublic(String method, String path) {
    if (path.equals("/login")) {
      return method.equals("GET") || method.equals("HEAD") || method.equals("POST");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return false;
    }
    if (path.contains("..") || path.contains("//")) {
      return false;
    }
    return PUBLIC_PATHS.contains(path) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
  }
}
