package com.taskscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void urlWithoutPasswordIsUnchanged() {
    String url = "jdbc:sqlserver://h:1433;databaseName=x;encrypt=false;user=u";
    assertThat(Secrets.maskUrl(url)).isEqualTo(url);
    assertThat(Secrets.maskUrl("jdbc:postgresql://h:5432/db?ssl=true"))
        .isEqualTo("jdbc:postgresql://h:5432/db?ssl=true");
  }

  @Test
  void passwordPropertyIsMaskedAndTheRestKept() {
    assertThat(Secrets.maskUrl("jdbc:sqlserver://h;user=u;password=pw;encrypt=false"))
        .isEqualTo("jdbc:sqlserver://h;user=u;password=****;encrypt=false");
    assertThat(Secrets.maskUrl("jdbc:sqlserver://h;Password={a;b}}c};encrypt=false"))
        .isEqualTo("jdbc:sqlserver://h;Password=****;encrypt=false");
    assertThat(Secrets.maskUrl("jdbc:postgresql://h/db?user=u&password=pw&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=****&ssl=true");
  }

  @Test
  void userInfoPasswordIsMasked() {
    assertThat(Secrets.maskUrl("jdbc:mysql://u:pw@h:3306/db"))
        .isEqualTo("jdbc:mysql://u:****@h:3306/db");
    assertThat(Secrets.maskUrl("jdbc:oracle:thin:u/pw@//h:1521/svc"))
        .isEqualTo("jdbc:oracle:thin:u/****@//h:1521/svc");
  }

  @Test
  void hostAndPortAreNotMistakenForUserInfo() {
    assertThat(Secrets.maskUrl("jdbc:sqlserver://h:1433;databaseName=x"))
        .isEqualTo("jdbc:sqlserver://h:1433;databaseName=x");
  }

  @Test
  void emailUserNameInAPropertyIsNotMistakenForUserInfo() {
    String url = "jdbc:sqlserver://h:1433;authentication=ActiveDirectoryPassword;user=bob@corp.com";
    assertThat(Secrets.maskUrl(url + ";password=pw")).isEqualTo(url + ";password=****");
  }

  @Test
  void userInfoPasswordWithRawSpecialCharactersIsMaskedWhole() {
    assertThat(Secrets.maskUrl("jdbc:mysql://u:p@s/s?w#rd@h:3306/db"))
        .isEqualTo("jdbc:mysql://u:****@h:3306/db");
  }
}
