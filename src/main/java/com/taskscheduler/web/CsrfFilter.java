package com.taskscheduler.web;

import com.taskscheduler.auth.Responses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The cross-site request forgery contract (SPEC §7), with and without a password: a request that
 * may change state (anything but GET, HEAD, OPTIONS) must carry {@code X-Requested-With:
 * XMLHttpRequest}, and is refused when its {@code Origin} is not this server's or its {@code
 * Sec-Fetch-Site} is {@code cross-site}. The login and logout form posts cannot carry the header;
 * they get the Origin and Sec-Fetch-Site checks only.
 */
public final class CsrfFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> FORM_POSTS = Set.of("/login", "/logout");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (SAFE_METHODS.contains(method)) {
      chain.doFilter(request, response);
      return;
    }
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    boolean formPost = method.equals("POST") && FORM_POSTS.contains(path);
    if (!formPost && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      refuse(response, "the header X-Requested-With: XMLHttpRequest is required");
      return;
    }
    if ("cross-site".equalsIgnoreCase(trim(request.getHeader("Sec-Fetch-Site")))) {
      refuse(response, "cross-site requests are refused");
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !isSameOrigin(origin.trim(), request)) {
      refuse(response, "requests from another origin are refused");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, String message) throws IOException {
    Responses.json(response, HttpServletResponse.SC_FORBIDDEN, message);
  }

  /**
   * Compares the Origin's host and port with the Host header the browser sent to us, or with the
   * first X-Forwarded-Host: a reverse proxy that does not keep the Host header (Apache's default)
   * names the browser's host there. A forged cross-site request cannot carry that header: like
   * X-Requested-With it needs a CORS preflight, which this server never grants. The scheme is not
   * compared, so a TLS-terminating proxy in front does not break same-origin requests.
   */
  static boolean isSameOrigin(String origin, HttpServletRequest request) {
    if (origin.isEmpty() || origin.equals("null")) {
      return false;
    }
    String forwarded = request.getHeader("X-Forwarded-Host");
    return isHost(origin, request.getHeader("Host"), request)
        || forwarded != null && isHost(origin, forwarded.split(",", 2)[0], request);
  }

  private static boolean isHost(String origin, String host, HttpServletRequest request) {
    if (host == null || host.isBlank()) {
      return false;
    }
    URI originUri;
    URI hostUri;
    try {
      originUri = new URI(origin);
      hostUri = new URI(request.getScheme() + "://" + host.trim());
    } catch (Exception e) {
      return false;
    }
    if (originUri.getHost() == null
        || hostUri.getHost() == null
        || originUri.getRawPath() != null && !originUri.getRawPath().isEmpty()
        || originUri.getUserInfo() != null) {
      return false;
    }
    return originUri.getHost().equalsIgnoreCase(hostUri.getHost())
        && port(originUri) == port(hostUri);
  }

  private static int port(URI uri) {
    int port = uri.getPort();
    return port == 80 || port == 443 ? -1 : port;
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
