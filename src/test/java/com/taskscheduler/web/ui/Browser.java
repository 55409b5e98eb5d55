package com.taskscheduler.web.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium through the installed ChromeDriver (never Selenium Manager: the network is
 * closed). Missing browser: the test is skipped, or fails when {@code CI=true}. Every page gets,
 * before its own scripts run, a listener that records CSP violations in {@code window.__csp}.
 */
final class Browser implements AutoCloseable {
  static final Dimension DESKTOP = new Dimension(1366, 900);
  static final Dimension PHONE = new Dimension(390, 844);
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static final String PROBE =
      "window.__csp = window.__csp || [];"
          + "document.addEventListener('securitypolicyviolation', function (e) {"
          + "  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile"
          + "    + ':' + e.lineNumber); });";

  final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  static Browser start() {
    Path chromium = find("chromium", "chromium-browser", "google-chrome");
    Path chromedriver = find("chromedriver");
    if (chromium == null || chromedriver == null) {
      String message = "browser tests skipped: install chromium and chromium-driver";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message + " (CI=true: browser tests are required)");
      }
      Assumptions.abort(message);
    }
    try {
      Path profile = Files.createTempDirectory("ui-chromium-");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(chromedriver.toFile())
              .usingAnyFreePort()
              .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(chromium.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--hide-scrollbars",
          "--user-data-dir=" + profile);
      // Alerts stay open so a test can see them (an XSS payload would open one).
      options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(DESKTOP);
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
      return new Browser(driver, service, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path find(String... names) {
    for (String name : names) {
      Path usr = Paths.get("/usr/bin", name);
      if (Files.isExecutable(usr)) {
        return usr;
      }
      String path = System.getenv("PATH");
      if (path != null) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
          Path candidate = Paths.get(dir, name);
          if (Files.isExecutable(candidate)) {
            return candidate;
          }
        }
      }
    }
    return null;
  }

  WebDriverWait waiting(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    return wait;
  }

  WebDriverWait waiting() {
    return waiting(Duration.ofSeconds(10));
  }

  WebElement visible(By by) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void click(By by) {
    waiting().until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** The open dashboard finished its first load. */
  void awaitReady() {
    waiting().until(d -> "true".equals(js("return document.body.getAttribute('data-ready')")));
    waiting().until(d -> Boolean.TRUE.equals(js("return window.jQuery && jQuery.active === 0")));
  }

  void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** CSP violations recorded by the probe on the current page, plus those the console reported. */
  List<String> cspViolations() {
    List<String> found = new ArrayList<>();
    Object recorded = js("return (window.__csp || []).slice()");
    if (recorded instanceof List<?> list) {
      list.forEach(v -> found.add(String.valueOf(v)));
    }
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getMessage().contains("Content Security Policy")) {
        found.add(entry.getMessage());
      }
    }
    return found;
  }

  boolean alertOpen() {
    try {
      driver.switchTo().alert().dismiss();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp profile is harmless
    }
  }
}
