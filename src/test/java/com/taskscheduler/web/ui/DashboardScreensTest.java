package com.taskscheduler.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardScreensTest {
  UiApp app;
  Browser browser;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    app = new UiApp(home, Map.of());
    browser = Browser.start();
    try (var c = app.jdbc();
        var s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime,"
              + " Ressource, ToRunAsap, Comment, RunHost, InsertedAt, InsertedBy, InsertedHost)"
              + " VALUES (1, 'alice', 'echo.sh', '', 'day', '08:30', 'cpu', 0, 'Daily report',"
              + " 'test-host', CURRENT_TIMESTAMP, 'alice', 'test-host')");
      s.executeUpdate(
          "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime,"
              + " Ressource, ToRunAsap, Comment, RunHost, InsertedAt, InsertedBy, InsertedHost)"
              + " VALUES (0, 'alice', 'broken.py', 'jobs', 'fortnightly', '', '', 1, 'Invalid"
              + " schedule and ASAP while disabled', 'test-host', CURRENT_TIMESTAMP, 'alice',"
              + " 'test-host')");
    }
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

  @Test
  void everyTabRendersWithoutCspViolationsAtDesktopAndPhoneWidth() {
    for (var size : List.of(Browser.DESKTOP, Browser.PHONE)) {
      browser.resize(size);
      browser.driver.get(app.url("/"));
      browser.awaitReady();
      String suffix = size.equals(Browser.DESKTOP) ? "desktop" : "phone";
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(By.id("tasks-table"), "echo.sh"));
      browser.screenshot("tasks-" + suffix);
      // The table scrolls sideways on a phone; a task's actions are in view and on top there,
      // without scrolling the table (scrolling the page down to the row is allowed).
      assertThat(
              browser.js(
                  "var b = document.querySelector('#tasks-table tbody tr button[data-action]');"
                      + " var table = b.closest('.table-responsive');"
                      // Instant: Bootstrap makes scrolling smooth, which would still be under way.
                      + " b.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});"
                      + " var r = b.getBoundingClientRect();"
                      + " var hit = document.elementFromPoint(r.left + r.width / 2,"
                      + " r.top + r.height / 2);"
                      + " return table.scrollLeft === 0 && r.left >= 0"
                      + " && r.right <= document.documentElement.clientWidth"
                      + " && hit !== null && hit.closest('button') === b;"))
          .as(suffix)
          .isEqualTo(true);
      browser.screenshot("tasks-actions-" + suffix);
      for (String tab : List.of("next", "history", "heartbeat", "charts")) {
        browser.click(By.id("tab-" + tab));
        browser.visible(By.id("pane-" + tab));
        browser.awaitReady();
        browser.screenshot(tab + "-" + suffix);
      }
      assertThat(browser.cspViolations()).isEmpty();
    }
  }
}
