package com.taskscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlAlchemyUrlTest {

  private static DatabaseSettings translate(String url) {
    return SqlAlchemyUrl.toDatabaseSettings(url, "master", null, null);
  }

  @Test
  void pyodbcUrlWithPortAndDriver17BecomesUnencryptedJdbcUrlWithCredentialsApart() {
    DatabaseSettings db =
        translate(
            "mssql+pyodbc://scheduler:s3cret@db.example.com:1433/{db}"
                + "?driver=ODBC+Driver+17+for+SQL+Server&TrustServerCertificate=yes");

    assertThat(db.jdbcUrl())
        .isEqualTo(
            "jdbc:sqlserver://db.example.com:1433;databaseName=master;encrypt=false;"
                + "trustServerCertificate=true");
    assertThat(db.username()).isEqualTo("scheduler");
    assertThat(db.password()).isEqualTo("s3cret");
    assertThat(db.embedded()).isFalse();
  }

  @Test
  void portIsOptional() {
    assertThat(translate("mssql+pyodbc://u:p@dbhost/mydb").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://dbhost;databaseName=mydb");
  }

  @Test
  void odbcStyleCommaPortIsAccepted() {
    assertThat(translate("mssql+pyodbc://u:p@dbhost,1444/mydb").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://dbhost:1444;databaseName=mydb");
  }

  @Test
  void placeholderIsReplacedByTheConfiguredDatabase() {
    assertThat(
            SqlAlchemyUrl.toDatabaseSettings("mssql+pyodbc://u:p@h/{db}", "Jobs", null, null)
                .jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=Jobs");
  }

  @Test
  void percentEncodedPlaceholderIsReplacedToo() {
    assertThat(
            SqlAlchemyUrl.toDatabaseSettings("mssql+pyodbc://u:p@h/%7Bdb%7D", "Jobs", null, null)
                .jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=Jobs");
    assertThat(
            SqlAlchemyUrl.toDatabaseSettings("mssql+pyodbc://u:p@h/%7bdb%7d", "Jobs", null, null)
                .jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=Jobs");
  }

  @Test
  void literalDatabaseNameIsUsedAsIs() {
    assertThat(
            SqlAlchemyUrl.toDatabaseSettings("mssql+pyodbc://u:p@h/Reporting", "Jobs", null, null)
                .jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=Reporting");
  }

  @Test
  void noDatabaseInThePathLeavesTheLoginsDefaultDatabase() {
    assertThat(translate("mssql+pyodbc://u:p@h").jdbcUrl()).isEqualTo("jdbc:sqlserver://h");
    assertThat(translate("mssql+pyodbc://u:p@h/?driver=ODBC+Driver+18+for+SQL+Server").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h");
  }

  @Test
  void passwordWithEveryAwkwardCharacterIsPercentDecoded() {
    String password = "p@ss:w/o?r#d%;{x}=a b+ü€";
    String encoded = "p%40ss%3Aw%2Fo%3Fr%23d%25%3B%7Bx%7D%3Da%20b+%C3%BC%E2%82%AC";

    DatabaseSettings db = translate("mssql+pyodbc://us%40er:" + encoded + "@h:1433/{db}?driver=x");

    assertThat(db.password()).isEqualTo(password);
    assertThat(db.username()).isEqualTo("us@er");
    assertThat(db.jdbcUrl()).doesNotContain("p@ss").doesNotContain("%40").doesNotContain("us");
  }

  @Test
  void rawSlashQuestionMarkAndHashInThePasswordStillWork() {
    DatabaseSettings db = translate("mssql+pyodbc://u:p/s?w#rd@h:1433/mydb?driver=x");

    assertThat(db.password()).isEqualTo("p/s?w#rd");
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:sqlserver://h:1433;databaseName=mydb");
  }

  @Test
  void rawAtSignInThePasswordWorksWhenTheRestIsUnambiguous() {
    DatabaseSettings db = translate("mssql+pyodbc://u:p@ss@h:1433/mydb");

    assertThat(db.password()).isEqualTo("p@ss");
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:sqlserver://h:1433;databaseName=mydb");
  }

  @Test
  void atSignInAnIgnoredQueryParameterDoesNotConfuseTheHost() {
    DatabaseSettings db = translate("mssql+pyodbc://u:p@h/mydb?contact=a@b.example");

    assertThat(db.password()).isEqualTo("p");
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:sqlserver://h;databaseName=mydb");
  }

  @Test
  void percentSignNotFollowedByHexIsKeptLikePythonUnquoteDoes() {
    assertThat(translate("mssql+pyodbc://u:100%zz%@h/d").password()).isEqualTo("100%zz%");
  }

  @Test
  void encodedBackslashInstanceNameBecomesInstanceNameProperty() {
    assertThat(translate("mssql+pyodbc://u:p@dbhost%5CSQLEXPRESS/mydb").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://dbhost;instanceName=SQLEXPRESS;databaseName=mydb");
  }

  @Test
  void rawBackslashInstanceNameWithPortKeepsBoth() {
    assertThat(translate("mssql+pyodbc://u:p@dbhost\\SQLEXPRESS:1500/mydb").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://dbhost:1500;instanceName=SQLEXPRESS;databaseName=mydb");
  }

  @Test
  void noUserMeansIntegratedSecurity() {
    DatabaseSettings db =
        translate("mssql+pyodbc://dbhost/mydb?driver=ODBC+Driver+18+for+SQL+Server");

    assertThat(db.jdbcUrl())
        .isEqualTo("jdbc:sqlserver://dbhost;databaseName=mydb;integratedSecurity=true");
    assertThat(db.username()).isNull();
    assertThat(db.password()).isNull();
  }

  @Test
  void aDomainUserIsAWindowsLoginThroughNtlm() {
    DatabaseSettings db = translate("mssql+pymssql://CORP%5Cjobs:s3cret@dbhost/mydb");

    assertThat(db.jdbcUrl())
        .isEqualTo(
            "jdbc:sqlserver://dbhost;databaseName=mydb;integratedSecurity=true;"
                + "authenticationScheme=NTLM;domain=CORP;encrypt=false");
    assertThat(db.username()).isEqualTo("jobs");
    assertThat(db.password()).isEqualTo("s3cret");
  }

  @Test
  void trustedConnectionMeansIntegratedSecurity() {
    assertThat(translate("mssql+pyodbc://@dbhost/mydb?trusted_connection=yes").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://dbhost;databaseName=mydb;integratedSecurity=true");
  }

  @Test
  void credentialsFromSeparateSettingsFillInWhatTheUrlLacks() {
    DatabaseSettings db =
        SqlAlchemyUrl.toDatabaseSettings("mssql+pyodbc://dbhost/d", "master", "bob", "pw");
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:sqlserver://dbhost;databaseName=d");
    assertThat(db.username()).isEqualTo("bob");
    assertThat(db.password()).isEqualTo("pw");

    DatabaseSettings userOnly =
        SqlAlchemyUrl.toDatabaseSettings("mssql+pyodbc://alice@dbhost/d", "master", "bob", "pw");
    assertThat(userOnly.username()).isEqualTo("alice");
    assertThat(userOnly.password()).isEqualTo("pw");
  }

  @Test
  void encryptAndTrustServerCertificateAreTranslated() {
    assertThat(translate("mssql+pyodbc://u:p@h/d?Encrypt=yes&TrustServerCertificate=no").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=d;encrypt=true;trustServerCertificate=false");
    assertThat(
            translate("mssql+pyodbc://u:p@h/d?encrypt=no&driver=ODBC+Driver+18+for+SQL+Server")
                .jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=d;encrypt=false");
    assertThat(translate("mssql+pyodbc://u:p@h/d?Encrypt=strict").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=d;encrypt=strict");
  }

  @Test
  void explicitEncryptWinsOverTheOldDriversDefault() {
    assertThat(
            translate("mssql+pyodbc://u:p@h/d?driver=ODBC+Driver+17+for+SQL+Server&Encrypt=yes")
                .jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=d;encrypt=true");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ODBC+Driver+17+for+SQL+Server",
        "ODBC%20Driver%2013%20for%20SQL%20Server",
        "SQL+Server",
        "SQL+Server+Native+Client+11.0"
      })
  void olderOdbcDriversDoNotEncryptLikeThePythonTool(String driver) {
    assertThat(translate("mssql+pyodbc://u:p@h/d?driver=" + driver).jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=d;encrypt=false");
  }

  @Test
  void driver18LeavesTheJdbcDriversEncryptionDefault() {
    assertThat(translate("mssql+pyodbc://u:p@h/d?driver=ODBC+Driver+18+for+SQL+Server").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=d");
  }

  @Test
  void pymssqlDoesNotEncryptLikeThePythonTool() {
    DatabaseSettings db = translate("mssql+pymssql://sa:pw@dbhost:1433/{db}");
    assertThat(db.jdbcUrl())
        .isEqualTo("jdbc:sqlserver://dbhost:1433;databaseName=master;encrypt=false");
    assertThat(db.username()).isEqualTo("sa");
    assertThat(db.password()).isEqualTo("pw");
  }

  @Test
  void unknownQueryParametersAreNotCopiedIntoTheUrl() {
    assertThat(
            translate(
                    "mssql+pyodbc://u:p@h/d?driver=x&authentication=ActiveDirectoryPassword&foo=bar;a=b&charset=utf8")
                .jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=d");
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(translate("MSSQL+PyODBC://u:p@h/d").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://h;databaseName=d");
  }

  @Test
  void ipv6HostGoesIntoServerName() {
    assertThat(translate("mssql+pyodbc://u:p@[fe80::1]:1433/d").jdbcUrl())
        .isEqualTo("jdbc:sqlserver://;serverName=fe80::1;portNumber=1433;databaseName=d");
  }

  @Test
  void missingHostIsAnErrorNamingTheSetting() {
    assertThatThrownBy(() -> translate("mssql+pyodbc://u:secretpw@/d"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DATABASE_CONNECTION_STRING: ")
        .hasMessageContaining("no host")
        .hasMessageNotContaining("secretpw");
  }

  @Test
  void odbcConnectFormIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> translate("mssql+pyodbc:///?odbc_connect=DRIVER%3Dx%3BPWD%3Dsecretpw"))
        .hasMessageContaining("odbc_connect")
        .hasMessageNotContaining("secretpw");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mssql+pyodbc://u:p@h:0/d",
        "mssql+pyodbc://u:p@h:99999/d",
        "mssql+pyodbc://u:p@h:abc/d"
      })
  void badPortIsAnError(String url) {
    assertThatThrownBy(() -> translate(url))
        .hasMessageStartingWith("DATABASE_CONNECTION_STRING: invalid port");
  }

  @Test
  void forgottenHostDoesNotEchoThePasswordAsAPort() {
    assertThatThrownBy(() -> translate("mssql+pyodbc://user:secretpw"))
        .hasMessageStartingWith("DATABASE_CONNECTION_STRING:")
        .hasMessageNotContaining("secretpw");
  }

  @Test
  void hostWithPropertySyntaxIsRejected() {
    assertThatThrownBy(() -> translate("mssql+pyodbc://u:p@h;integratedSecurity=true/d"))
        .hasMessageContaining("invalid host name");
  }

  @Test
  void databaseNameWithPropertySyntaxIsRejected() {
    assertThatThrownBy(() -> translate("mssql+pyodbc://u:p@h/d;encrypt=false"))
        .hasMessageContaining("database name");
  }

  @Test
  void badEncryptValueIsAnError() {
    assertThatThrownBy(() -> translate("mssql+pyodbc://u:p@h/d?Encrypt=maybe"))
        .hasMessageStartingWith("DATABASE_CONNECTION_STRING:")
        .hasMessageContaining("Encrypt");
  }
}
