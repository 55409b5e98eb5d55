package com.taskscheduler.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginPageTest {
  UiApp app;
  Browser browser;

  @BeforeAll
  void start(@TempDir Path home) {
    app = new UiApp(home, Map.of("TASK_SCHEDULER_DASHBOARD_PASSWORD", "s3cret-Pass"));
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

  @Test
  void theDashboardNeedsTheLoginAndLogoutReturnsToTheLoginPage() {
    browser.resize(Browser.DESKTOP);
    browser.driver.get(app.url("/"));
    browser.waiting().until(ExpectedConditions.urlMatches("/login$"));
    WebElement password = browser.visible(By.id("password"));
    browser.screenshot("login-desktop");

    // The toggle shows and hides what was typed.
    password.sendKeys("wrong");
    assertThat(password.getAttribute("type")).isEqualTo("password");
    browser.click(By.id("show-password"));
    assertThat(password.getAttribute("type")).isEqualTo("text");
    browser.click(By.id("show-password"));
    assertThat(password.getAttribute("type")).isEqualTo("password");

    password.submit();
    browser.waiting().until(ExpectedConditions.urlContains("failed"));
    assertThat(browser.visible(By.id("message")).getText()).isEqualTo("Wrong password.");
    browser.resize(Browser.PHONE);
    browser.screenshot("login-failed-phone");
    browser.resize(Browser.DESKTOP);

    browser.visible(By.id("password")).sendKeys("s3cret-Pass");
    browser.driver.findElement(By.id("password")).submit();
    browser.waiting().until(ExpectedConditions.urlMatches("/$"));
    browser.awaitReady();
    WebElement logout = browser.visible(By.id("logout"));
    assertThat(browser.cspViolations()).isEmpty();

    logout.click();
    browser.waiting().until(ExpectedConditions.urlMatches("/login$"));
    browser.driver.get(app.url("/"));
    browser.waiting().until(ExpectedConditions.urlMatches("/login$"));
  }
}
