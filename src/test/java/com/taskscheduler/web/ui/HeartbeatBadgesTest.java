package com.taskscheduler.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeartbeatBadgesTest {
  UiApp app;
  Browser browser;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    app = new UiApp(home, Map.of());
    // InsertedAt is local time in the configured zone, as the legacy tool writes it.
    LocalDateTime now = LocalDateTime.now(ZoneId.of(UiApp.ZONE));
    try (var c = app.jdbc();
        var insert =
            c.prepareStatement(
                "INSERT INTO Task_Scheduler_Heartbeat (SessionID, IsProd, InsertedAt, InsertedBy,"
                    + " InsertedHost) VALUES (?, ?, ?, ?, ?)")) {
      Object[][] rows = {
        {"fresh", true, now.minusMinutes(1)},
        {"half-hour", false, now.minusMinutes(30)},
        {"five-hours", true, now.minusHours(5)},
        {"three-days", false, now.minusDays(3)},
        // A row whose writer left the environment out.
        {"no-env", null, now.minusMinutes(2)}
      };
      for (Object[] row : rows) {
        insert.setString(1, "s-" + row[0]);
        if (row[1] == null) {
          insert.setNull(2, java.sql.Types.BOOLEAN);
        } else {
          insert.setBoolean(2, (Boolean) row[1]);
        }
        insert.setTimestamp(3, Timestamp.valueOf((LocalDateTime) row[2]));
        insert.setString(4, (String) row[0]);
        insert.setString(5, "host-" + row[0]);
        insert.executeUpdate();
      }
    }
    browser = Browser.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private WebElement status(String user) {
    return browser.visible(
        By.xpath(
            "//table[@id='heartbeat-table']//tr[td[1][normalize-space(.)='"
                + user
                + "']]//span[contains(@class,'heartbeat-status')]"));
  }

  @Test
  void heartbeatsOneMinuteHalfAnHourFiveHoursAndThreeDaysOldShowTheFourBadges() {
    browser.resize(Browser.DESKTOP);
    browser.driver.get(app.url("/"));
    browser.awaitReady();
    browser.click(By.id("tab-heartbeat"));
    browser.visible(By.id("pane-heartbeat"));

    assertThat(status("fresh").getText()).isEqualTo("Active");
    assertThat(status("fresh").getAttribute("class")).contains("text-bg-success");
    assertThat(status("half-hour").getText()).isEqualTo("Idle (30m ago)");
    assertThat(status("half-hour").getAttribute("class")).contains("text-bg-warning");
    assertThat(status("five-hours").getText()).isEqualTo("Idle (5h ago)");
    assertThat(status("five-hours").getAttribute("class")).contains("badge-orange");
    assertThat(status("three-days").getText()).isEqualTo("Inactive (3d ago)");
    assertThat(status("three-days").getAttribute("class")).contains("text-bg-danger");
    assertThat(
            browser
                .visible(
                    By.xpath(
                        "//table[@id='heartbeat-table']//tr[td[1][normalize-space(.)='no-env']]"))
                .getText())
        .doesNotContain("Dev")
        .doesNotContain("Prod");
    browser.screenshot("heartbeat-badges-desktop");
    browser.resize(Browser.PHONE);
    browser.screenshot("heartbeat-badges-phone");
  }
}
