package com.taskscheduler.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Hostile text in every text field of tasks, runs, next runs and heartbeats (and in a run's output)
 * is shown as literal text everywhere: no script runs, no alert opens, no CSP violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XssCorpusTest {
  static final List<String> PAYLOADS = corpus();
  UiApp app;
  Browser browser;
  int outputTaskId;

  static List<String> corpus() {
    String set = "window.__xss=1";
    List<String> p = new ArrayList<>();
    p.add("<script>" + set + "</script>");
    p.add("<img src=x onerror=" + set + ">");
    p.add("<svg onload=" + set + ">");
    p.add("\"><img src=x onerror=" + set + ">");
    p.add("'><svg/onload=" + set + ">");
    p.add("javascript:" + set);
    p.add("<iframe srcdoc=\"<script>parent.__xss=1</script>\">");
    p.add("<body onload=" + set + ">");
    p.add("<details open ontoggle=" + set + ">");
    p.add("<a href=\"javascript:" + set + "\">x</a>");
    p.add("{{constructor.constructor('" + set + "')()}}");
    p.add("<math><mtext><mglyph><style><img src=x onerror=" + set + ">");
    p.add("<input autofocus onfocus=" + set + ">");
    p.add("<video><source onerror=" + set + "></video>");
    p.add("<marquee onstart=" + set + ">m</marquee>");
    p.add("</td><img src=x onerror=" + set + ">");
    p.add("</textarea><img src=x onerror=" + set + ">");
    p.add("</pre><img src=x onerror=" + set + ">");
    p.add("</option></select><img src=x onerror=" + set + ">");
    p.add("<object data=\"javascript:" + set + "\"></object>");
    p.add("&lt;img src=x onerror=" + set + "&gt;");
    p.add("<img src=x onerror=alert(1)>");
    p.add("<svg><script>alert(1)</script></svg>");
    p.add("\" onmouseover=\"" + set);
    p.add("' onfocus='" + set + "' autofocus='");
    p.add("<div style=\"background:url(javascript:" + set + ")\">s</div>");
    p.add("<link rel=stylesheet href=\"data:text/css,*{}\">");
    p.add("<base href=\"//evil.example/\">");
    p.add("<meta http-equiv=\"refresh\" content=\"0;url=javascript:" + set + "\">");
    p.add("<form action=\"javascript:" + set + "\"><button>x</button></form>");
    p.add("<svg><animate onbegin=" + set + " attributeName=x dur=1s>");
    p.add("<audio src=x onerror=" + set + ">");
    p.add("<select autofocus onfocus=" + set + "></select>");
    p.add("<textarea autofocus onfocus=" + set + "></textarea>");
    p.add("<embed src=\"javascript:" + set + "\">");
    p.add("<img src=x:alert(alt) onerror=eval(src) alt=0>");
    p.add("${alert(1)}");
    p.add("<scr<script>ipt>" + set + "</scr</script>ipt>");
    p.add("<IMG SRC=JaVaScRiPt:" + set + ">");
    p.add("<img \"\"\"><script>" + set + "</script>\">");
    p.add("<svg/onload=" + set + "//");
    p.add("<a href=# onclick=" + set + ">click</a>");
    p.add("--><script>" + set + "</script>");
    p.add("]]><script>" + set + "</script>");
    p.add("<template><script>" + set + "</script></template><img src=x onerror=" + set + ">");
    p.add("<noscript><p title=\"</noscript><img src=x onerror=" + set + ">\">");
    p.add("<table><td background=\"javascript:" + set + "\">");
    p.add("<style>*{color:red}</style><b>bold</b>");
    p.add("<img src=x onerror=\"window['__x'+'ss']=1\">");
    p.add("<svg><foreignObject><img src=x onerror=" + set + "></foreignObject></svg>");
    p.add("<img srcset=x onerror=" + set + ">");
    p.add("<button formaction=javascript:" + set + ">b</button>");
    p.add("\u003cimg src=x onerror=" + set + "\u003e unicode");
    p.add("<x contenteditable onblur=" + set + ">lose focus");
    return p;
  }

  static String fit(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    app = new UiApp(home, Map.of());
    StringBuilder script = new StringBuilder("cat <<'PAYLOADS'\n");
    PAYLOADS.forEach(p -> script.append(p).append('\n'));
    script.append("PAYLOADS\n");
    app.script("xss.sh", script.toString());
    LocalDateTime now = LocalDateTime.now(ZoneId.of(UiApp.ZONE));
    try (var c = app.jdbc()) {
      try (var task =
          c.prepareStatement(
              "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime,"
                  + " Ressource, ToRunAsap, Comment, RunHost, InsertedAt, InsertedBy, InsertedHost)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < PAYLOADS.size(); i++) {
          String p = PAYLOADS.get(i);
          task.setBoolean(1, i % 2 == 0);
          task.setString(2, i % 3 == 0 ? "alice" : fit(p, 255));
          task.setString(3, fit(p, 255));
          task.setString(4, fit(p, 255));
          task.setString(5, fit(p, 50));
          task.setString(6, fit(p, 50));
          task.setString(7, fit(p, 255));
          task.setBoolean(8, true);
          task.setString(9, p);
          task.setString(10, i % 3 == 0 ? "test-host" : fit(p, 255));
          task.setTimestamp(11, Timestamp.valueOf(now));
          task.setString(12, fit(p, 255));
          task.setString(13, fit(p, 255));
          task.executeUpdate();
        }
      }
      try (var run =
              c.prepareStatement(
                  "INSERT INTO Log_Task_Scheduler (ScriptFile, Status, SessionID, IsProd, TraceID,"
                      + " HeartbeatID, InsertedAt, InsertedBy, InsertedHost, TriggeredBy, Reason)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          var next =
              c.prepareStatement(
                  "INSERT INTO Task_Scheduled (ScriptName, ScriptFolder, RunBy, RunHost, NextRun,"
                      + " HeartbeatID, InsertedAt, InsertedBy, InsertedHost)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
          var beat =
              c.prepareStatement(
                  "INSERT INTO Task_Scheduler_Heartbeat (SessionID, IsProd, InsertedAt, InsertedBy,"
                      + " InsertedHost) VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < PAYLOADS.size(); i++) {
          String p = PAYLOADS.get(i);
          run.setString(1, fit(p, 255));
          run.setString(2, fit(p, 50));
          run.setString(3, fit(p, 255));
          run.setBoolean(4, i % 2 == 0);
          run.setString(5, fit(p, 255));
          run.setString(6, fit(p, 255));
          run.setTimestamp(7, Timestamp.valueOf(now.minusMinutes(i)));
          run.setString(8, fit(p, 255));
          run.setString(9, fit(p, 255));
          run.setString(10, fit(p, 20));
          run.setString(11, p);
          run.executeUpdate();
          next.setString(1, fit(p, 255));
          next.setString(2, fit(p, 255));
          next.setString(3, fit(p, 255));
          next.setString(4, fit(p, 255));
          next.setTimestamp(5, Timestamp.valueOf(now.plusMinutes(i + 1)));
          next.setString(6, fit(p, 255));
          next.setTimestamp(7, Timestamp.valueOf(now));
          next.setString(8, fit(p, 255));
          next.setString(9, fit(p, 255));
          next.executeUpdate();
          beat.setString(1, fit(p, 255));
          beat.setBoolean(2, i % 2 == 0);
          beat.setTimestamp(3, Timestamp.valueOf(now.minusMinutes(i * 7L)));
          beat.setString(4, fit(p, 255));
          beat.setString(5, fit(p, 255));
          beat.executeUpdate();
        }
      }
      try (var task =
          c.prepareStatement(
              "INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime,"
                  + " ToRunAsap, RunHost, InsertedAt) VALUES (1, 'alice', 'xss.sh', '', 'day',"
                  + " '03:00', 0, 'test-host', ?)",
              new String[] {"ID"})) {
        task.setTimestamp(1, Timestamp.valueOf(now));
        task.executeUpdate();
        try (var keys = task.getGeneratedKeys()) {
          keys.next();
          outputTaskId = keys.getInt(1);
        }
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

  private void post(String path) {
    app.server.send(
        HttpRequest.newBuilder(app.server.uri(path))
            .header("X-Requested-With", "XMLHttpRequest")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private void assertClean(String where) {
    assertThat(browser.alertOpen()).as("alert in " + where).isFalse();
    assertThat(browser.js("return window.__xss")).as("script ran in " + where).isNull();
    assertThat(browser.cspViolations()).as("CSP violations in " + where).isEmpty();
  }

  private void showAllRows(String table) {
    browser.js("jQuery('#" + table + "').DataTable().page.len(100).draw(false)");
    browser.awaitReady();
  }

  @Test
  void hostileTextIsShownLiterallyInEveryTabAndDialog() {
    // A real run whose output is the corpus.
    post("/api/scheduler/start");
    try {
      post("/api/task/" + outputTaskId + "/run");
      browser.resize(Browser.DESKTOP);
      browser.driver.get(app.url("/"));
      browser.awaitReady();
      browser.click(By.cssSelector("label[for=scope-all]"));
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("tasks-table"), PAYLOADS.get(1)));
      showAllRows("tasks-table");
      String tasksText = browser.driver.findElement(By.id("tasks-table")).getText();
      assertThat(tasksText).contains(PAYLOADS.get(0), PAYLOADS.get(3), PAYLOADS.get(20));
      assertThat(
              browser.driver.findElements(
                  By.cssSelector(
                      "#tasks-table img, #tasks-table svg:not(.svg-inline--fa), #tasks-table script, #tasks-table iframe")))
          .isEmpty();
      browser.screenshot("xss-tasks-desktop");
      assertClean("tasks");

      // Edit dialogs of a few hostile tasks: the values come back in the fields as typed.
      for (int i : new int[] {1, 17, 25}) {
        int id = i + 1;
        browser.js(
            "jQuery('#tasks-table button[data-action=edit][data-id=\"" + id + "\"]').click()");
        browser.visible(By.cssSelector("#task-modal[data-shown]"));
        browser
            .waiting()
            .until(
                d ->
                    PAYLOADS
                        .get(i)
                        .equals(d.findElement(By.id("f-Comment")).getAttribute("value")));
        assertThat(browser.driver.findElement(By.id("f-ScriptName")).getAttribute("value"))
            .isEqualTo(fit(PAYLOADS.get(i), 255).trim());
        assertClean("task dialog " + id);
        browser.click(By.cssSelector("#task-modal .modal-footer [data-bs-dismiss=modal]"));
        browser
            .waiting()
            .until(ExpectedConditions.invisibilityOfElementLocated(By.id("task-modal")));
      }

      for (String tab : List.of("next", "heartbeat")) {
        browser.click(By.id("tab-" + tab));
        browser.visible(By.id("pane-" + tab));
        showAllRows(tab + "-table");
        assertThat(browser.driver.findElement(By.id(tab + "-table")).getText())
            .contains(PAYLOADS.get(1));
        browser.screenshot("xss-" + tab + "-desktop");
        assertClean(tab);
      }

      browser.click(By.id("tab-history"));
      showAllRows("history-table");
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("history-table"), PAYLOADS.get(2)));
      browser.screenshot("xss-history-desktop");
      assertClean("history");
      // A hostile run's dialog.
      browser.js("jQuery('#history-table tr[data-run-id=\"3\"]').click()");
      browser.visible(By.cssSelector("#run-modal[data-shown]"));
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("run-details"), fit(PAYLOADS.get(2), 255)));
      assertClean("run dialog");
      browser.click(By.cssSelector("#run-modal .modal-footer [data-bs-dismiss=modal]"));
      browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("run-modal")));

      // The real run's output: every payload as text. Redraws may replace the row under the
      // click, so search and click until the dialog shows the output.
      browser.js("jQuery('#history-table').DataTable().search('xss.sh').draw()");
      By success =
          By.xpath(
              "//table[@id='history-table']//tr[@data-run-id]"
                  + "[.//span[normalize-space(.)='Success']]");
      String last = PAYLOADS.get(PAYLOADS.size() - 1);
      browser
          .waiting(Duration.ofSeconds(20))
          .until(
              d -> {
                if (d.findElement(By.id("run-output")).getText().contains(last)) {
                  return true;
                }
                if (d.findElements(By.cssSelector("#run-modal.show")).isEmpty()) {
                  try {
                    var rows = d.findElements(success);
                    if (rows.isEmpty()) {
                      browser.js("jQuery('#history-table').DataTable().ajax.reload(null, false)");
                    } else {
                      rows.get(0).click();
                    }
                  } catch (org.openqa.selenium.WebDriverException e) {
                    // redrawn meanwhile: try again
                  }
                }
                return false;
              });
      String output = browser.driver.findElement(By.id("run-output")).getText();
      assertThat(output).contains(PAYLOADS.get(0), PAYLOADS.get(10), PAYLOADS.get(40));
      browser.screenshot("xss-output-desktop");
      assertClean("run output");
      browser.click(By.cssSelector("#run-modal .modal-footer [data-bs-dismiss=modal]"));
      browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("run-modal")));

      browser.click(By.id("scheduler-logs"));
      browser.visible(By.cssSelector("#logs-modal[data-shown]"));
      assertClean("scheduler logs");
      assertThat(PAYLOADS).hasSizeGreaterThanOrEqualTo(50);
    } finally {
      post("/api/scheduler/stop");
    }
  }
}
