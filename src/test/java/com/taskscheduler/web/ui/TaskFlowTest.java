package com.taskscheduler.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The everyday flows through the real dialogs, against the real scheduler and launcher. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskFlowTest {
  UiApp app;
  Browser browser;

  @BeforeAll
  void start(@TempDir Path home) {
    app = new UiApp(home, Map.of());
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

  private void open() {
    browser.resize(Browser.DESKTOP);
    browser.driver.get(app.url("/"));
    browser.awaitReady();
  }

  private void confirm() {
    browser.click(By.id("confirm-ok"));
    browser
        .waiting()
        .until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-modal")));
  }

  private String schedulerBadge() {
    return browser.driver.findElement(By.id("scheduler-badge")).getText();
  }

  private void startScheduler() {
    browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("scheduler-start")));
    browser.click(By.id("scheduler-start"));
    confirm();
    browser.waiting().until(d -> schedulerBadge().equals("Running"));
  }

  private void stopScheduler() {
    browser.click(By.id("scheduler-stop"));
    confirm();
    browser.waiting(Duration.ofSeconds(40)).until(d -> schedulerBadge().equals("Stopped"));
  }

  /** Leaves the scheduler stopped for the next test, whatever state the page is in. */
  private void stopQuietly() {
    post("/api/scheduler/stop", "");
  }

  private By taskRow(String script) {
    return By.xpath("//table[@id='tasks-table']//tr[td[3][normalize-space(.)='" + script + "']]");
  }

  /** The row's whole text, including cells scrolled out of the table's visible width. */
  private org.openqa.selenium.support.ui.ExpectedCondition<Boolean> rowContains(
      String script, String text) {
    return d ->
        d.findElements(taskRow(script)).stream()
            .anyMatch(
                row -> {
                  try {
                    return row.getAttribute("textContent").contains(text);
                  } catch (org.openqa.selenium.StaleElementReferenceException e) {
                    return false;
                  }
                });
  }

  private WebElement taskButton(String script, String action) {
    return browser
        .waiting()
        .until(
            ExpectedConditions.elementToBeClickable(
                By.xpath(
                    "//table[@id='tasks-table']//tr[td[3][normalize-space(.)='"
                        + script
                        + "']]//button[@data-action='"
                        + action
                        + "']")));
  }

  /**
   * Waits until the task dialog has finished opening: it then focuses ScriptName. Typing into
   * another field before that loses the keys to ScriptName when the focus moves (seen on a slow
   * machine: "echo.shsecond version").
   */
  private void awaitDialogShown() {
    browser
        .waiting()
        .until(
            d ->
                "f-ScriptName"
                    .equals(
                        ((org.openqa.selenium.JavascriptExecutor) d)
                            .executeScript(
                                "return document.activeElement && document.activeElement.id")));
  }

  private void saveTask() {
    browser.click(By.id("task-save"));
  }

  @Test
  void theTaskSearchFindsTextThatLooksLikeHtml() throws Exception {
    var created =
        post(
            "/api/task",
            "{\"ScriptName\":\"amp.py\",\"ScriptFolder\":\"R&D <q>\","
                + "\"Every\":\"day\",\"AtTime\":\"07:00\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created.body()).get("ID").asText();
    try {
      open();
      browser.waiting().until(d -> !d.findElements(taskRow("amp.py")).isEmpty());
      // The escaped text is searched (DataTables strips anything tag-like from raw text).
      browser.js("jQuery('#tasks-table').DataTable().search('R&D <q>').draw()");
      browser.waiting().until(d -> !d.findElements(taskRow("amp.py")).isEmpty());
      assertThat(browser.driver.findElements(By.cssSelector("#tasks-table tbody tr"))).hasSize(1);
    } finally {
      app.server.send(
          HttpRequest.newBuilder(app.server.uri("/api/task/" + id))
              .header("X-Requested-With", "XMLHttpRequest")
              .DELETE()
              .build());
    }
  }

  private HttpResponse<String> post(String path, String json) {
    return app.server.send(
        HttpRequest.newBuilder(app.server.uri(path))
            .header("X-Requested-With", "XMLHttpRequest")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static JsonNode json(String body) throws Exception {
    return new ObjectMapper().readTree(body);
  }

  /** The run of {@code taskId} in the history, once it satisfies {@code wanted}. */
  private JsonNode awaitRun(int taskId, Predicate<JsonNode> wanted) {
    JsonNode[] found = {null};
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (var run : json(app.server.get("/api/logs?limit=50").body())) {
                if (run.path("TaskID").asInt() == taskId && wanted.test(run)) {
                  found[0] = run;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  @Test
  void aRunningScriptsOutputIsFollowedAndItIsKilledFromItsRunDialogWithTheMouse() throws Exception {
    // The second line waits for the test, so that it is written while the dialog is open.
    app.script(
        "sleeper.sh",
        "echo first line\nwhile [ ! -e second.flag ]; do sleep 0.1; done\n"
            + "echo second line\nsleep 60\n");
    int task =
        json(post(
                    "/api/task",
                    "{\"ScriptName\":\"sleeper.sh\",\"Every\":\"day\",\"AtTime\":\"23:59\"}")
                .body())
            .get("ID")
            .asInt();
    try {
      assertThat(post("/api/scheduler/start", "").statusCode()).isEqualTo(200);
      // Started here, or flagged ASAP while the new session is still checking: it runs either way.
      assertThat(post("/api/task/" + task + "/run", "").statusCode()).isEqualTo(202);
      int run =
          awaitRun(task, r -> "Run".equals(r.path("Status").asText()) && r.hasNonNull("StartedAt"))
              .get("ID")
              .asInt();

      open();
      browser.click(By.id("tab-history"));
      By row = By.cssSelector("#history-table tr[data-run-id='" + run + "']");
      browser.click(row);
      browser.visible(By.cssSelector("#run-modal[data-shown]"));
      // The output written after the dialog opened shows without a click on Refresh.
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("run-output"), "first line"));
      java.nio.file.Files.createFile(app.scripts.resolve("second.flag"));
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("run-output"), "second line"));
      assertThat(browser.driver.findElement(By.id("run-details")).getText()).contains("Run");
      browser.click(By.id("run-kill"));
      // A real click: the confirmation must be the dialog on top, not hidden behind the run's.
      browser.visible(By.cssSelector("#confirm-modal[data-shown]"));
      browser.click(By.id("confirm-ok"));

      awaitRun(
          task, r -> r.path("ID").asInt() == run && "Killed".equals(r.path("Status").asText()));
      browser.visible(By.cssSelector("#run-modal[data-shown]"));
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(By.id("run-details"), "Killed"));
    } finally {
      stopQuietly();
    }
  }

  @Test
  void cancellingADeleteFromTheEditDialogReturnsToItWithTheEditsKept() throws Exception {
    int task =
        json(post(
                    "/api/task",
                    "{\"ScriptName\":\"keep.py\",\"Every\":\"day\",\"AtTime\":\"06:00\"}")
                .body())
            .get("ID")
            .asInt();
    open();
    taskButton("keep.py", "edit").click();
    awaitDialogShown();
    browser.visible(By.id("f-Comment")).sendKeys("not saved yet");
    browser.click(By.id("task-delete"));
    browser.visible(By.cssSelector("#confirm-modal[data-shown]"));
    browser.click(By.id("confirm-cancel"));

    browser.visible(By.cssSelector("#task-modal[data-shown]"));
    assertThat(browser.driver.findElement(By.id("f-Comment")).getAttribute("value"))
        .isEqualTo("not saved yet");
    assertThat(app.server.get("/api/task/" + task).statusCode()).isEqualTo(200);
  }

  @Test
  void aRefreshThatChangesNoTaskKeepsTheKeyboardFocusWhereItWas() throws Exception {
    post("/api/task", "{\"ScriptName\":\"focus.py\",\"Every\":\"day\",\"AtTime\":\"05:00\"}");
    open();
    WebElement edit = taskButton("focus.py", "edit");
    browser.js("arguments[0].focus()", edit);
    // As the 30-second refresh does; a script's click leaves the focus alone.
    browser.js("document.getElementById('refresh').click()");
    browser.awaitReady();

    assertThat(browser.js("return document.activeElement === arguments[0]", edit)).isEqualTo(true);
  }

  @Test
  void aRunAPythonSchedulerLeftRunningOffersNoKill() throws Exception {
    int id;
    try (var c = app.jdbc();
        var insert =
            c.prepareStatement(
                "INSERT INTO Log_Task_Scheduler (ScriptFile, Status, SessionID, IsProd, HeartbeatID,"
                    + " InsertedAt, InsertedBy, InsertedHost) VALUES ('legacy.py', 'Run',"
                    + " 'From_Python_Scheduler', 1, '1700000000000000', ?, 'Alice', 'old-host')",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
      insert.setTimestamp(1, java.sql.Timestamp.valueOf(java.time.LocalDateTime.now()));
      insert.executeUpdate();
      try (var keys = insert.getGeneratedKeys()) {
        keys.next();
        id = keys.getInt(1);
      }
    }
    open();
    browser.click(By.id("tab-history"));
    By row = By.cssSelector("#history-table tr[data-run-id='" + id + "']");
    browser.waiting().until(ExpectedConditions.elementToBeClickable(row));
    browser.click(row);
    browser
        .waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("run-details"), "From_Python_Scheduler"));
    browser.visible(By.cssSelector("#run-modal[data-shown]"));
    assertThat(browser.driver.findElement(By.id("run-kill")).isDisplayed()).isFalse();
  }

  @Test
  void startingAndStoppingTheSchedulerUpdatesThePanelWithoutAReload() {
    open();
    browser.js("window.__samePage = 'yes'");
    assertThat(schedulerBadge()).isEqualTo("Stopped");
    startScheduler();
    assertThat(browser.driver.findElement(By.id("scheduler-text")).getText())
        .startsWith("Running since 20");
    assertThat(browser.driver.findElement(By.id("scheduler-stop")).isEnabled()).isTrue();
    browser.screenshot("scheduler-running-desktop");
    stopScheduler();
    assertThat(browser.js("return window.__samePage")).isEqualTo("yes");
    assertThat(browser.driver.findElement(By.id("scheduler-start")).isEnabled()).isTrue();
  }

  @Test
  void aTaskIsCreatedEditedRunDisabledAndDeletedThroughTheDialogs() {
    open();
    startScheduler();
    try {
      // Create, first with a schedule the server refuses: its message shows at the field.
      browser.click(By.id("task-add"));
      awaitDialogShown();
      browser.visible(By.id("f-ScriptName")).sendKeys("echo.sh");
      new Select(browser.driver.findElement(By.id("f-Every"))).selectByValue("minutes");
      WebElement at = browser.driver.findElement(By.id("f-AtTime"));
      at.clear();
      at.sendKeys("often");
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(By.id("preview-error"), "AtTime"));
      saveTask();
      WebElement atError = browser.visible(By.id("e-AtTime"));
      assertThat(atError.getText()).contains("AtTime");
      assertThat(at.getAttribute("class")).contains("is-invalid");
      at.clear();
      at.sendKeys("60");
      browser.waiting().until(d -> d.findElements(By.cssSelector("#preview-list li")).size() == 5);
      browser.driver.findElement(By.id("f-Comment")).sendKeys("first version");
      browser.driver.findElement(By.id("f-Ressource")).sendKeys("cpu");
      browser.driver.findElement(By.id("f-TimeoutSeconds")).sendKeys("120");
      browser.screenshot("task-dialog-desktop");
      saveTask();
      browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("task-modal")));
      browser.visible(taskRow("echo.sh"));

      // Edit: the dialog shows the stored values and the preview of the saved schedule.
      taskButton("echo.sh", "edit").click();
      awaitDialogShown();
      WebElement comment = browser.visible(By.id("f-Comment"));
      browser.waiting().until(d -> "first version".equals(comment.getAttribute("value")));
      assertThat(browser.driver.findElement(By.id("f-TimeoutSeconds")).getAttribute("value"))
          .isEqualTo("120");
      browser.waiting().until(d -> d.findElements(By.cssSelector("#preview-list li")).size() == 5);
      comment.clear();
      comment.sendKeys("second version");
      saveTask();
      browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("task-modal")));
      browser.waiting().until(rowContains("echo.sh", "second version"));

      // Run now: the run shows up in the history as Success, with its output.
      taskButton("echo.sh", "run").click();
      browser.waiting(Duration.ofSeconds(20)).until(rowContains("echo.sh", "Success"));
      browser.click(By.id("tab-history"));
      By successRow =
          By.xpath(
              "//table[@id='history-table']//tr[@data-run-id][td[2][normalize-space(.)!='']]"
                  + "[.//span[normalize-space(.)='Success']]");
      browser
          .waiting(Duration.ofSeconds(15))
          .until(ExpectedConditions.elementToBeClickable(successRow));
      assertThat(browser.driver.findElement(successRow).getText()).contains("echo.sh");
      // Live updates may redraw the table under the click: click again until the dialog shows.
      browser
          .waiting(Duration.ofSeconds(15))
          .until(
              d -> {
                if (d.findElement(By.id("run-output")).getText().contains("hello from echo")) {
                  return true;
                }
                if (d.findElements(By.cssSelector("#run-modal.show")).isEmpty()) {
                  try {
                    d.findElement(successRow).click();
                  } catch (org.openqa.selenium.WebDriverException e) {
                    // stale row: try again
                  }
                }
                return false;
              });
      browser.visible(By.cssSelector("#run-modal[data-shown]"));
      browser.screenshot("run-dialog-desktop");
      browser.click(By.cssSelector("#run-modal .modal-footer [data-bs-dismiss=modal]"));
      browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("run-modal")));

      // Disable, then delete (after confirming).
      browser.click(By.id("tab-tasks"));
      taskButton("echo.sh", "toggle").click();
      browser.waiting().until(rowContains("echo.sh", "Disabled"));
      taskButton("echo.sh", "delete").click();
      browser.visible(By.id("confirm-body"));
      assertThat(browser.driver.findElement(By.id("confirm-body")).getText()).contains("echo.sh");
      confirm();
      browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(taskRow("echo.sh")));
      assertThat(browser.cspViolations()).isEmpty();
    } finally {
      stopQuietly();
    }
  }

  @Test
  void toastsLeaveTheNavbarButtonsFreeAndTheLogViewerFollowsOnlyFromTheBottom() throws Exception {
    app.script("follow.sh", "echo follow\n");
    int id =
        json(post(
                    "/api/task",
                    "{\"ScriptName\":\"follow.sh\",\"Every\":\"day\",\"AtTime\":\"05:00\"}")
                .body())
            .get("ID")
            .asInt();
    open();
    startScheduler();
    try {
      WebElement toast = browser.visible(By.cssSelector("#alerts .toast"));
      for (String button : List.of("theme-toggle", "live-indicator")) {
        assertThat(overlap(toast, browser.driver.findElement(By.id(button)))).as(button).isFalse();
      }

      browser.click(By.id("scheduler-logs"));
      browser.visible(By.cssSelector("#logs-modal[data-shown]"));
      // Older lines, enough to scroll, in the viewer's own markup; the reader goes to the top.
      browser.js(
          "var v = document.getElementById('logs-view');"
              + " for (var i = 0; i < 150; i++) { var d = document.createElement('div');"
              + " d.className = 'log-line log-info'; d.textContent = 'older line ' + i;"
              + " v.insertBefore(d, v.firstChild); }"
              + " v.scrollTop = 0;");
      assertThat(post("/api/task/" + id + "/run", "").statusCode()).isEqualTo(202);
      browser.waiting().until(d -> startedLines() == 1);
      assertThat(browser.js("return document.getElementById('logs-view').scrollTop")).isEqualTo(0L);

      browser.js("var v = document.getElementById('logs-view'); v.scrollTop = v.scrollHeight;");
      assertThat(post("/api/task/" + id + "/run", "").statusCode()).isEqualTo(202);
      browser.waiting().until(d -> startedLines() == 2);
      assertThat(
              browser.js(
                  "var v = document.getElementById('logs-view');"
                      + " return v.scrollHeight - v.scrollTop - v.clientHeight < 2;"))
          .isEqualTo(true);
    } finally {
      stopQuietly();
    }
  }

  private long startedLines() {
    return browser.driver.findElements(By.cssSelector("#logs-view .log-message")).stream()
        .filter(m -> m.getText().startsWith("Started") && m.getText().contains("follow.sh"))
        .count();
  }

  private static boolean overlap(WebElement a, WebElement b) {
    var r = a.getRect();
    var q = b.getRect();
    return r.x < q.x + q.width
        && q.x < r.x + r.width
        && r.y < q.y + q.height
        && q.y < r.y + r.height;
  }

  @Test
  void theSchedulerLogViewerShowsColouredLines() {
    open();
    startScheduler();
    try {
      browser.click(By.id("scheduler-logs"));
      browser
          .waiting()
          .until(d -> !d.findElements(By.cssSelector("#logs-view .log-line.log-info")).isEmpty());
      String colour =
          browser
              .driver
              .findElement(By.cssSelector("#logs-view .log-info .log-level"))
              .getCssValue("color");
      assertThat(colour).isEqualTo("rgba(63, 185, 80, 1)");
      browser.visible(By.cssSelector("#logs-modal[data-shown]"));
      browser.screenshot("logs-dialog-desktop");
      browser.click(By.cssSelector("#logs-modal .modal-footer [data-bs-dismiss=modal]"));
      browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("logs-modal")));
    } finally {
      stopQuietly();
    }
  }
}
