package com.taskscheduler.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.bench.HistoryBench;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The history's info line shows a count the server only estimated or bounded as such ("at least
 * 1,001") and an exact one as DataTables always did.
 */
class HistoryCountInfoTest {
  @Test
  void theHistoryInfoLineSaysWhenTheMatchCountIsOnlyALowerBound(@TempDir Path home)
      throws Exception {
    try (UiApp app = new UiApp(home, Map.of());
        Browser browser = Browser.start()) {
      HistoryBench.insert(app.data, 1100);
      browser.driver.get(app.url("/"));
      browser.awaitReady();
      browser.click(By.id("tab-history"));
      browser.visible(By.id("pane-history"));
      By info = By.id("history-table_info");
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  info, "Showing 1 to 25 of 1,100 entries"));

      browser.js("jQuery('#history-table').DataTable().search('job').draw()");
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  info, "Showing 1 to 25 of at least 1,001 entries"));
      assertThat(browser.driver.findElement(info).getText())
          .isEqualTo(
              "Showing 1 to 25 of at least 1,001 entries (filtered from 1,100 total entries)");

      browser.js("jQuery('#history-table').DataTable().search('job7').draw()");
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  info, "Showing 1 to 25 of 122 entries (filtered from 1,100 total entries)"));
      assertThat(browser.cspViolations()).isEmpty();
    }
  }
}
