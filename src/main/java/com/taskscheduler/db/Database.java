package com.taskscheduler.db;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.eclipse.persistence.sessions.server.Server;

/** The migrated database and the one EntityManagerFactory over it. */
public final class Database implements AutoCloseable {
  /** The longest any statement may run or wait for locks before it is cancelled. */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

  static final String PERSISTENCE_UNIT = "taskscheduler";
  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  private final DataSource dataSource;
  private final AutoCloseable ownedDataSource;
  private final Dialect dialect;
  private final Migrations.Outcome migration;
  private final EntityManagerFactory entityManagers;
  private final WriteCounts writes;

  private Database(
      DataSource dataSource,
      AutoCloseable ownedDataSource,
      Dialect dialect,
      Migrations.Outcome migration,
      EntityManagerFactory entityManagers,
      WriteCounts writes) {
    this.dataSource = dataSource;
    this.ownedDataSource = ownedDataSource;
    this.dialect = dialect;
    this.migration = migration;
    this.entityManagers = entityManagers;
    this.writes = writes;
  }

  /**
   * Migrates the schema and opens JPA over {@code dataSource}.
   *
   * @param owned closed with this database when not null (our own pool, not a container's)
   */
  public static Database open(DataSource dataSource, AutoCloseable owned) throws SQLException {
    Dialect dialect;
    try (Connection connection = dataSource.getConnection()) {
      dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
      if (dialect == Dialect.H2 && !isMssqlMode(connection)) {
        throw new IllegalArgumentException(
            "an H2 database must be opened with MODE=MSSQLServer in its URL");
      }
    }
    Migrations.Outcome migration = Migrations.migrate(dataSource, dialect);
    if (dialect == Dialect.SQLSERVER) {
      warnIfReadersWaitForWriters(dataSource);
    }
    LOG.info(
        () ->
            "Database "
                + dialect
                + " at schema version "
                + migration.schemaVersion()
                + (migration.baselined() ? " (legacy tables baselined)" : ""));
    Map<String, Object> properties = new HashMap<>();
    properties.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource);
    properties.put(PersistenceUnitProperties.TRANSACTION_TYPE, "RESOURCE_LOCAL");
    properties.put(PersistenceUnitProperties.TARGET_DATABASE, dialect.eclipseLinkPlatform());
    // Python schedulers and other machines write the same rows: never serve a cached copy.
    properties.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
    properties.put(PersistenceUnitProperties.WEAVING, "false");
    properties.put(PersistenceUnitProperties.LOGGING_LOGGER, "JavaLogger");
    properties.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
    properties.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, SessionSettings.class.getName());
    // SQL Server's locking READ COMMITTED (unless READ_COMMITTED_SNAPSHOT is on) makes a reader
    // wait for any writer, a Python session's open transaction too, and by default for ever: a
    // heartbeat stuck for 3 minutes would have the other schedulers take this one for dead.
    properties.put(
        PersistenceUnitProperties.QUERY_TIMEOUT, Long.toString(QUERY_TIMEOUT.toMillis()));
    // The provider directly, not Persistence's resolver: its cache would pin our class loader
    // after the WAR is undeployed.
    EntityManagerFactory factory =
        new PersistenceProvider().createEntityManagerFactory(PERSISTENCE_UNIT, properties);
    if (factory == null) {
      throw new IllegalStateException("persistence unit " + PERSISTENCE_UNIT + " not found");
    }
    WriteCounts writes = new WriteCounts();
    factory.unwrap(Server.class).getEventManager().addListener(writes);
    return new Database(dataSource, owned, dialect, migration, factory, writes);
  }

  /**
   * Without READ_COMMITTED_SNAPSHOT, SQL Server's readers wait for every open write, a Python
   * session's too (statements then end at {@link #QUERY_TIMEOUT}); with it they read the last
   * committed row, as on PostgreSQL and H2.
   */
  private static void warnIfReadersWaitForWriters(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT is_read_committed_snapshot_on FROM sys.databases WHERE name = DB_NAME()")) {
      if (rows.next() && !rows.getBoolean(1)) {
        LOG.warning(
            "READ_COMMITTED_SNAPSHOT is off in this database: a transaction left open by any"
                + " writer (a Python scheduler too) makes the scheduler's reads wait, up to "
                + QUERY_TIMEOUT.toSeconds()
                + " s each. An administrator can turn it on: ALTER DATABASE CURRENT SET"
                + " READ_COMMITTED_SNAPSHOT ON");
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(java.util.logging.Level.FINE, "Could not read READ_COMMITTED_SNAPSHOT", e);
    }
  }

  private static boolean isMssqlMode(Connection connection) throws SQLException {
    try (var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
      return rows.next() && "MSSQLServer".equalsIgnoreCase(rows.getString(1));
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  /** True when this start created the legacy tables, i.e. the database was new. */
  public boolean createdNow() {
    return migration.createdLegacyTables();
  }

  public String schemaVersion() {
    return migration.schemaVersion();
  }

  /**
   * Runs {@code work} in one transaction, committed when it returns, rolled back when it throws.
   */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = entityManagers.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } finally {
      try {
        if (tx.isActive()) {
          tx.rollback();
        }
      } finally {
        try {
          em.close();
        } finally {
          writes.transactionEnded();
        }
      }
    }
  }

  /**
   * A number that grows whenever rows of {@code entity}'s table are written through this database
   * (by any thread, JPQL bulk updates included) and stays the same otherwise; it grows again once
   * the writing transaction has ended. Writes by other processes are not seen.
   */
  public long writeCount(Class<?> entity) {
    return writes.count(entity);
  }

  /** Runs a read outside any explicit transaction. */
  public <T> T read(Function<EntityManager, T> work) {
    EntityManager em = entityManagers.createEntityManager();
    try {
      return work.apply(em);
    } finally {
      em.close();
    }
  }

  /**
   * The declared character widths of {@code table}'s columns, by lower-cased column name, as the
   * database reports them: a legacy database may have narrower columns than ours (nvarchar(255)
   * Comment). Unbounded types report a huge width.
   */
  public Map<String, Integer> columnWidths(String table) throws SQLException {
    Map<String, Integer> widths = new HashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      // Stored as written (H2, SQL Server) or folded to lower case (PostgreSQL).
      for (String name : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
        try (ResultSet columns =
            meta.getColumns(connection.getCatalog(), dialect.schema(), name, null)) {
          while (columns.next()) {
            widths.putIfAbsent(
                columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                columns.getInt("COLUMN_SIZE"));
          }
        }
        if (!widths.isEmpty()) {
          break;
        }
      }
    }
    return widths;
  }

  /** Whether a connection can be had and answers, within a couple of seconds. */
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      entityManagers.close();
    } finally {
      if (ownedDataSource != null) {
        try {
          ownedDataSource.close();
        } catch (Exception e) {
          LOG.warning("Closing the connection pool failed: " + e);
        }
      }
    }
  }
}
