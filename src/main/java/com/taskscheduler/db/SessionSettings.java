package com.taskscheduler.db;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.platform.database.SQLServerPlatform;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/** EclipseLink settings that have no persistence-unit property. */
public class SessionSettings implements SessionCustomizer {
  @Override
  public void customize(Session session) {
    DatabaseLogin login = (DatabaseLogin) session.getLogin();
    // EclipseLink re-runs a query that failed on a broken connection, seconds apart. The pool
    // already hands out validated connections, so retrying only delays the 503 and the
    // scheduler's back-off during an outage.
    login.setQueryRetryAttemptCount(0);
    login.setDelayBetweenConnectionAttempts(0);
    // On SQL Server the legacy tables live in schema dbo, whatever the login's default schema.
    if (session.getPlatform() instanceof SQLServerPlatform) {
      login.setTableQualifier(Dialect.SQLSERVER.schema());
    }
  }
}
