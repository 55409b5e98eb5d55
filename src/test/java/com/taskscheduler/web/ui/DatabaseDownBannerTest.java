package com.taskscheduler.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.testing.TestDatabases;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * While the database does not answer, the page says so instead of showing its last figures as
 * current, and says nothing once it answers again. The zone of every time shown is named.
 */
class DatabaseDownBannerTest {
  private static final By BANNER = By.id("db-down");

  @Test
  void aDatabaseThatStopsAnsweringIsAnnouncedUntilItAnswersAgain(@TempDir Path home)
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String[] args = {
      "-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", home.toString()
    };
    Server database = Server.createTcpServer(args).start();
    String url = "jdbc:h2:tcp://localhost:" + port + "/./dashboard" + TestDatabases.H2_OPTIONS;
    try (UiApp app = new UiApp(home, Map.of("DATABASE_CONNECTION_STRING", url));
        Browser browser = Browser.start()) {
      browser.driver.get(app.url("/"));
      browser.awaitReady();
      assertThat(browser.driver.findElement(BANNER).isDisplayed()).isFalse();
      assertThat(browser.driver.findElement(By.id("time-zone")).getText())
          .isEqualTo("Times are in " + UiApp.ZONE + ".");

      database.stop();
      browser.driver.navigate().refresh();
      browser
          .waiting(Duration.ofSeconds(40))
          .until(ExpectedConditions.visibilityOfElementLocated(BANNER));
      assertThat(browser.driver.findElement(BANNER).getText())
          .startsWith("The database does not answer");

      database = Server.createTcpServer(args).start();
      browser.driver.navigate().refresh();
      browser
          .waiting(Duration.ofSeconds(40))
          .until(ExpectedConditions.invisibilityOfElementLocated(BANNER));
    } finally {
      database.stop();
    }
  }
}
