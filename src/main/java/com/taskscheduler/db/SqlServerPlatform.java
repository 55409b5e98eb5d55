package com.taskscheduler.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.platform.database.SQLServerPlatform;

/** EclipseLink's SQL Server platform, with date-times as {@link LocalDateTimes}. */
public class SqlServerPlatform extends SQLServerPlatform {
  private static final long serialVersionUID = 1L;

  /** The optimized reads take date-times through getTimestamp: see LocalDateTimes. */
  @Override
  public boolean shouldOptimizeDataConversion() {
    return false;
  }

  @Override
  public void setParameterValueInDatabaseCall(
      Object parameter, PreparedStatement statement, int index, AbstractSession session)
      throws SQLException {
    if (!LocalDateTimes.bind(parameter, statement, index)) {
      super.setParameterValueInDatabaseCall(parameter, statement, index, session);
    }
  }

  @Override
  public Object getObjectFromResultSet(ResultSet row, int column, int type, AbstractSession session)
      throws SQLException {
    return LocalDateTimes.isDateTime(type)
        ? LocalDateTimes.read(row, column)
        : super.getObjectFromResultSet(row, column, type, session);
  }
}
