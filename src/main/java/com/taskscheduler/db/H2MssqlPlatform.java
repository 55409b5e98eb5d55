package com.taskscheduler.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.internal.expressions.ExpressionSQLPrinter;
import org.eclipse.persistence.internal.expressions.SQLSelectStatement;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.platform.database.H2Platform;
import org.eclipse.persistence.queries.ValueReadQuery;

/**
 * EclipseLink's H2 platform for H2 in MSSQLServer mode, which our H2 URLs use so the migrations
 * match SQL Server's. That mode lacks two things the stock platform relies on: {@code CALL
 * IDENTITY()} (removed in H2 2.x; the mode offers {@code SCOPE_IDENTITY()}) and {@code LIMIT} (the
 * mode takes the standard {@code OFFSET … FETCH} instead). Date-times as {@link LocalDateTimes}.
 */
public class H2MssqlPlatform extends H2Platform {
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

  @Override
  public ValueReadQuery buildSelectQueryForIdentity() {
    return new ValueReadQuery("SELECT SCOPE_IDENTITY()");
  }

  @Override
  public void printSQLSelectStatement(
      DatabaseCall call, ExpressionSQLPrinter printer, SQLSelectStatement statement) {
    int max = statement.getQuery() == null ? 0 : statement.getQuery().getMaxRows();
    int first = statement.getQuery() == null ? 0 : statement.getQuery().getFirstResult();
    if (!shouldUseRownumFiltering() || (max <= 0 && first <= 0)) {
      super.printSQLSelectStatement(call, printer, statement);
      return;
    }
    statement.setUseUniqueFieldAliases(true);
    call.setFields(statement.printSQL(printer));
    printer.printString(" OFFSET ");
    printer.printParameter(DatabaseCall.FIRSTRESULT_FIELD);
    printer.printString(" ROWS");
    if (max > 0) {
      printer.printString(" FETCH NEXT ");
      printer.printParameter(DatabaseCall.MAXROW_FIELD);
      printer.printString(" ROWS ONLY");
    }
    call.setIgnoreFirstRowSetting(true);
    call.setIgnoreMaxResultsSetting(true);
  }
}
