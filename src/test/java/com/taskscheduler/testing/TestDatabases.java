package com.taskscheduler.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, independent databases for tests: an in-memory H2 in the mode we ship, and a new database
 * on one embedded PostgreSQL server started once per test JVM.
 */
public final class TestDatabases {
  public enum Kind {
    H2,
    POSTGRESQL
  }

  public static final String H2_OPTIONS =
      ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  /** A JDBC URL of a new, empty database. */
  public static String freshUrl(Kind kind) {
    int n = COUNTER.incrementAndGet();
    return switch (kind) {
      case H2 ->
          "jdbc:h2:mem:test" + n + "_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS;
      case POSTGRESQL -> {
        String name = "test" + n;
        try (Connection c = postgres().getPostgresDatabase().getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        yield postgres().getJdbcUrl("postgres", name);
      }
    };
  }

  /** A plain (unpooled) DataSource over {@code url}. */
  public static DataSource dataSource(String url) {
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      return h2;
    }
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(url);
    pg.setUser("postgres");
    return pg;
  }

  public static DataSource fresh(Kind kind) {
    return dataSource(freshUrl(kind));
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting
                    }
                  }));
    }
    return postgres;
  }
}
