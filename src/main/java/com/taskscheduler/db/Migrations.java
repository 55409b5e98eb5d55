package com.taskscheduler.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the schema up to date. A database created by the Python tool already has the four legacy
 * tables but no migration history: it is baselined at version 1 so only our additive migrations
 * run, and its rows stay untouched.
 */
final class Migrations {
  static final String HISTORY_TABLE = "Task_Scheduler_Schema_History";
  static final List<String> LEGACY_TABLES =
      List.of("Task_Scheduler", "Task_Scheduled", "Log_Task_Scheduler", "Task_Scheduler_Heartbeat");
  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

  /** What migrating found and did. */
  record Outcome(boolean createdLegacyTables, boolean baselined, String schemaVersion) {}

  private Migrations() {}

  static Outcome migrate(DataSource dataSource, Dialect dialect) throws SQLException {
    boolean anyLegacyTable;
    boolean allLegacyTables;
    boolean hasHistory;
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      long present = LEGACY_TABLES.stream().filter(t -> tableExists(meta, dialect, t)).count();
      anyLegacyTable = present > 0;
      allLegacyTables = present == LEGACY_TABLES.size();
      hasHistory = tableExists(meta, dialect, HISTORY_TABLE);
    }
    FluentConfiguration configuration =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(dialect.migrationLocation())
            .table(HISTORY_TABLE)
            .baselineVersion(MigrationVersion.fromVersion("1"))
            .baselineDescription("tables of the legacy Python tool")
            .validateMigrationNaming(true);
    if (!allLegacyTables && !hasHistory) {
      // A shared database holding other tables (and maybe some of the four): Flyway refuses a
      // non-empty schema without history, so it is baselined below every migration and V1 creates
      // the missing legacy tables (each guarded by IF NOT EXISTS).
      configuration
          .baselineOnMigrate(true)
          .baselineVersion(MigrationVersion.fromVersion("0"))
          .baselineDescription("a database holding other tables");
    }
    if (dialect.schema() != null) {
      configuration.schemas(dialect.schema()).createSchemas(false);
    }
    Flyway flyway = configuration.load();
    boolean baselined = false;
    if (allLegacyTables && !hasHistory) {
      LOG.info("Found the legacy tables without migration history: baselining at version 1");
      flyway.baseline();
      baselined = true;
    }
    flyway.migrate();
    var current = flyway.info().current();
    String version = current == null ? "none" : current.getVersion().getVersion();
    return new Outcome(!anyLegacyTable && !hasHistory, baselined, version);
  }

  private static boolean tableExists(DatabaseMetaData meta, Dialect dialect, String table) {
    // Databases disagree on identifier case (PostgreSQL folds to lower case), so try each.
    for (String name :
        List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
      try (ResultSet tables =
          meta.getTables(null, dialect.schema(), name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the database's table list", e);
      }
    }
    return false;
  }
}
