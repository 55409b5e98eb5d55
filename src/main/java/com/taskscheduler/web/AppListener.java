package com.taskscheduler.web;

import com.taskscheduler.App;
import com.taskscheduler.audit.AuditLog;
import com.taskscheduler.auth.AuthFilter;
import com.taskscheduler.auth.LoginServlet;
import com.taskscheduler.auth.LogoutServlet;
import com.taskscheduler.config.AppConfig;
import com.taskscheduler.config.ConfigLoader;
import com.taskscheduler.scheduler.SchedulerControl;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.servlet.ServletContainer;

/** Builds the application when the WAR starts and closes it when the WAR stops. */
public final class AppListener implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(AppListener.class.getName());
  private App app;
  private ApiApplication api;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    String version = version();
    try {
      AppConfig config = ConfigLoader.load(context::getInitParameter);
      LOG.info("Task Scheduler Dashboard " + version + " starting with\n" + config.describe());
      // An embedding container (the tests) may provide the clock as a context attribute.
      Clock clock =
          context.getAttribute(Clock.class.getName()) instanceof Clock given
              ? given
              : Clock.systemDefaultZone();
      app = App.start(config, clock);
      if (config.autostart()) {
        app.scheduler().start();
      }
    } catch (RuntimeException | java.sql.SQLException e) {
      // The container shows this message; it names the setting at fault and never a secret.
      LOG.log(Level.SEVERE, "Task Scheduler Dashboard cannot start: " + e.getMessage());
      throw new IllegalStateException("Task Scheduler Dashboard cannot start: " + e.getMessage());
    }
    AuditLog audit = new AuditLog(app.database(), app.clock());
    registerFilters(context, app.config(), audit);
    // An embedding container (the tests) may provide the scheduler as a context attribute.
    SchedulerControl scheduler =
        context.getAttribute(SchedulerControl.class.getName()) instanceof SchedulerControl given
            ? given
            : app.scheduler();
    JerseyWarnings.install();
    api = new ApiApplication(app, scheduler, audit, version);
    ServletRegistration.Dynamic servlet = context.addServlet("api", new ServletContainer(api));
    servlet.addMapping("/api/*");
    servlet.setAsyncSupported(true);
    servlet.setLoadOnStartup(1);
  }

  /**
   * The filters, in this order: security headers first so that every response, refusals and errors
   * included, carries them; then the CSRF contract (always on); then the login check (only with a
   * password).
   */
  private void registerFilters(ServletContext context, AppConfig config, AuditLog audit) {
    var dispatches = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR);
    FilterRegistration.Dynamic headers =
        context.addFilter("securityHeaders", new SecurityHeadersFilter());
    headers.addMappingForUrlPatterns(dispatches, false, "/*");
    headers.setAsyncSupported(true);
    FilterRegistration.Dynamic csrf = context.addFilter("csrf", new CsrfFilter());
    csrf.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    csrf.setAsyncSupported(true);

    SessionCookieConfig cookie = context.getSessionCookieConfig();
    cookie.setHttpOnly(true);
    // The container adds Secure on secure requests by itself.
    cookie.setAttribute("SameSite", "Strict");
    context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));

    ServletRegistration.Dynamic logout =
        context.addServlet("logout", new LogoutServlet(audit, config.loginRequired()));
    logout.addMapping("/logout");
    if (!config.loginRequired()) {
      LOG.warning(
          "TASK_SCHEDULER_DASHBOARD_PASSWORD is not set: the dashboard and API are open to"
              + " everyone who can reach this server.");
      return;
    }
    FilterRegistration.Dynamic auth = context.addFilter("auth", new AuthFilter());
    auth.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    auth.setAsyncSupported(true);
    ServletRegistration.Dynamic login =
        context.addServlet(
            "login",
            new LoginServlet(
                config.dashboardPassword(), config.sessionIdleTimeout(), app.clock(), audit));
    login.addMapping("/login");
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    JerseyWarnings.uninstall();
    if (api != null) {
      api.closeStreams();
      api = null;
    }
    if (app != null) {
      // Stops claiming, gives running work the grace, stops the heartbeat last, then the database.
      app.close();
      app = null;
    }
  }

  private static String version() {
    Properties properties = new Properties();
    try (InputStream in = AppListener.class.getResourceAsStream("/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      LOG.warning("Cannot read version.properties: " + e);
    }
    return properties.getProperty("version", "unknown");
  }
}
