package com.taskscheduler.db;

import com.taskscheduler.config.DatabaseSettings;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Where connections come from: the container's JNDI DataSource, or our own pool. */
public final class DataSources {
  public static final String JNDI_NAME = "java:comp/env/jdbc/TaskScheduler";
  private static final Logger LOG = Logger.getLogger(DataSources.class.getName());

  private DataSources() {}

  /** The container's DataSource, when one is bound; it wins over any connection string. */
  public static Optional<DataSource> fromJndi() {
    try {
      Object found = new InitialContext().lookup(JNDI_NAME);
      if (found instanceof DataSource dataSource) {
        LOG.info("Using the container's DataSource " + JNDI_NAME);
        return Optional.of(dataSource);
      }
      return Optional.empty();
    } catch (NamingException | RuntimeException notBound) {
      return Optional.empty();
    }
  }

  static Optional<String> driverClass(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return Optional.of("org.h2.Driver");
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return Optional.of("org.postgresql.Driver");
    }
    if (jdbcUrl.startsWith("jdbc:sqlserver:")) {
      return Optional.of("com.microsoft.sqlserver.jdbc.SQLServerDriver");
    }
    return Optional.empty();
  }

  /** A HikariCP pool; the caller closes it. */
  public static HikariDataSource pooled(DatabaseSettings settings) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("task-scheduler");
    hikari.setJdbcUrl(settings.jdbcUrl());
    // DriverManager does not offer the drivers inside WEB-INF/lib to the webapp (nor again after
    // a redeploy, when the container unregistered them): named, the class loads from ours.
    driverClass(settings.jdbcUrl()).ifPresent(hikari::setDriverClassName);
    if (settings.username() != null) {
      hikari.setUsername(settings.username());
    }
    if (settings.password() != null) {
      hikari.setPassword(settings.password());
    }
    hikari.setMaximumPoolSize(10);
    hikari.setMinimumIdle(1);
    // A database outage must surface as a quick 503 and a scheduler back-off, not a long hang.
    hikari.setConnectionTimeout(5_000);
    hikari.setValidationTimeout(2_000);
    // Let start-up fail with our own message rather than Hikari's.
    hikari.setInitializationFailTimeout(-1);
    return new HikariDataSource(hikari);
  }
}
