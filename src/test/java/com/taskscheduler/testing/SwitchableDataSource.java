package com.taskscheduler.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps a DataSource so a test can take the database "down" (every getConnection fails as a pool
 * would, with SQLTransientConnectionException) and count the statements the application prepares.
 */
public final class SwitchableDataSource implements DataSource {
  private final DataSource delegate;
  private volatile boolean down;
  private final AtomicInteger statements = new AtomicInteger();
  private final List<String> sql = new CopyOnWriteArrayList<>();

  public SwitchableDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  public void down(boolean down) {
    this.down = down;
  }

  /** Statements prepared or created since the last reset. */
  public int statements() {
    return statements.get();
  }

  public void resetStatements() {
    statements.set(0);
    sql.clear();
  }

  /** The text of each statement prepared since the last reset, in order. */
  public List<String> preparedSql() {
    return List.copyOf(sql);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(delegate.getConnection(username, password));
  }

  private Connection wrap(Connection connection) throws SQLException {
    if (down) {
      connection.close();
      throw new SQLTransientConnectionException("database is down (test)", "08001");
    }
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("prepareStatement")
                  || name.equals("createStatement")
                  || name.equals("prepareCall")) {
                statements.incrementAndGet();
                if (args != null && args.length > 0 && args[0] instanceof String text) {
                  sql.add(text);
                }
                if (down) {
                  throw new SQLTransientConnectionException("database is down (test)", "08006");
                }
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
