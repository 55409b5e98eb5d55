package com.taskscheduler.web;

import com.taskscheduler.App;
import com.taskscheduler.config.AppConfig;
import com.taskscheduler.config.ConfigLoader;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.servlet.ServletContainer;

/** Builds the application when the WAR starts and closes it when the WAR stops. */
public final class AppListener implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(AppListener.class.getName());
  private App app;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    String version = version();
    try {
      AppConfig config = ConfigLoader.load(context::getInitParameter);
      LOG.info("Task Scheduler Dashboard " + version + " starting with\n" + config.describe());
      app = App.start(config, Clock.systemDefaultZone());
      if (config.autostart()) {
        app.scheduler().start();
      }
    } catch (RuntimeException | java.sql.SQLException e) {
      // The container shows this message; it names the setting at fault and never a secret.
      LOG.log(Level.SEVERE, "Task Scheduler Dashboard cannot start: " + e.getMessage());
      throw new IllegalStateException("Task Scheduler Dashboard cannot start: " + e.getMessage());
    }
    ServletRegistration.Dynamic api =
        context.addServlet("api", new ServletContainer(new ApiApplication(app, version)));
    api.addMapping("/api/*");
    api.setAsyncSupported(true);
    api.setLoadOnStartup(1);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
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
