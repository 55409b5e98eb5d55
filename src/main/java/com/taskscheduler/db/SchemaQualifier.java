package com.taskscheduler.db;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * On SQL Server the legacy tables live in schema {@code dbo}, whatever the login's default schema
 * is, so every generated statement names it.
 */
public class SchemaQualifier implements SessionCustomizer {
  @Override
  public void customize(Session session) {
    session.getLogin().setTableQualifier(Dialect.SQLSERVER.schema());
  }
}
