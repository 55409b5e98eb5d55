package com.taskscheduler.db;

import java.util.Locale;

/** The databases we run on. Native SQL, migrations and EclipseLink's platform vary by dialect. */
public enum Dialect {
  H2("h2", H2MssqlPlatform.class.getName(), null),
  POSTGRESQL("postgresql", PostgresPlatform.class.getName(), null),
  SQLSERVER("sqlserver", SqlServerPlatform.class.getName(), "dbo");

  private final String migrationFolder;
  private final String eclipseLinkPlatform;
  private final String schema;

  Dialect(String migrationFolder, String eclipseLinkPlatform, String schema) {
    this.migrationFolder = migrationFolder;
    this.eclipseLinkPlatform = eclipseLinkPlatform;
    this.schema = schema;
  }

  /** Picks the dialect from the product name the JDBC driver reports. */
  public static Dialect fromProductName(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return H2;
    }
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.contains("microsoft") || name.contains("sql server")) {
      return SQLSERVER;
    }
    throw new IllegalArgumentException(
        "unsupported database \"" + productName + "\" (supported: SQL Server, PostgreSQL, H2)");
  }

  String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }

  String eclipseLinkPlatform() {
    return eclipseLinkPlatform;
  }

  /** The schema our tables live in, or null for the connection's default schema. */
  String schema() {
    return schema;
  }
}
