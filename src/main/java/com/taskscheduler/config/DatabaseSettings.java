package com.taskscheduler.config;

import java.util.Objects;

/**
 * How to reach the database when no container DataSource is configured.
 *
 * @param jdbcUrl the JDBC URL; may itself contain a password, so never log it unmasked
 * @param username user to connect as, or null to leave it to the URL / integrated security
 * @param password SECRET; null when not set
 * @param embedded true when DATABASE_CONNECTION_STRING is unset and the embedded H2 file is used
 */
public record DatabaseSettings(String jdbcUrl, String username, String password, boolean embedded) {

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /** The JDBC URL with any password in it masked, fit for logs. */
  public String maskedJdbcUrl() {
    return Secrets.maskUrl(jdbcUrl);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl="
        + maskedJdbcUrl()
        + ", username="
        + username
        + ", password="
        + Secrets.mask(password)
        + ", embedded="
        + embedded
        + "]";
  }
}
