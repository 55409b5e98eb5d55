package com.taskscheduler.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;

/**
 * Date-times go to and from the driver as {@link LocalDateTime} (JDBC 4.2), untouched by the JVM's
 * zone. EclipseLink binds them through {@code Timestamp.valueOf} and reads them through {@code
 * getTimestamp}: on a server whose zone skips an hour (Europe's spring night), every value inside
 * that hour came back an hour later, in the UTC columns as in the legacy ones. Our platforms use
 * these two methods.
 */
final class LocalDateTimes {
  private LocalDateTimes() {}

  /** Binds {@code parameter} if it is a date-time; false if it is something else. */
  static boolean bind(Object parameter, PreparedStatement statement, int index)
      throws SQLException {
    if (parameter instanceof LocalDateTime value) {
      statement.setObject(index, value);
      return true;
    }
    return false;
  }

  /** Whether a column of this JDBC type is read by {@link #read}. */
  static boolean isDateTime(int type) {
    return type == Types.TIMESTAMP;
  }

  static LocalDateTime read(ResultSet row, int column) throws SQLException {
    return row.getObject(column, LocalDateTime.class);
  }
}
