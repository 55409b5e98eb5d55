// The dashboard. Rules kept throughout: every value from the server reaches the page as text
// (textContent, .value, DataTables' text renderer), never as HTML; no inline scripts or handlers
// (the CSP forbids them); every state-changing request carries X-Requested-With.
(function ($) {
  "use strict";

  var AUTO_REFRESH_MS = 30000;
  var POLL_MS = 5000;
  var LOG_LINES = 200;
  var OUTPUT_FOLLOW_MS = 2000;
  var FIELDS = ["ScriptName", "ScriptFolder", "Every", "AtTime", "RunBy", "RunHost", "Ressource",
    "Comment", "TimeoutSeconds", "CatchUpGraceMinutes", "Enable", "ToRunAsap"];
  var STATUS_CLASS = {
    Run: "text-bg-info", Success: "text-bg-success", Failed: "text-bg-danger", Timeout: "badge-orange",
    Killed: "text-bg-dark", Skipped: "text-bg-secondary", Missed: "text-bg-warning", Lost: "badge-purple"
  };
  var STATUS_COLOR = {
    Run: "#0dcaf0", Success: "#198754", Failed: "#dc3545", Timeout: "#fd7e14",
    Killed: "#495057", Skipped: "#adb5bd", Missed: "#ffc107", Lost: "#6f42c1"
  };
  var SCHEDULE_HELP = {
    time: { label: "At time", placeholder: "08:30", help: "Local time HH:MM or HH:MM:SS (24 h), in the scheduler's time zone." },
    interval: { label: "Every N", placeholder: "15", help: "A positive whole number N: runs every N units, counted from the task's previous fire." },
    none: { label: "At time (not used)", placeholder: "", help: "" },
    cron: { label: "Cron expression", placeholder: "*/15 9-17 * * MON-FRI", help: "Five fields: minute hour day-of-month month day-of-week (an optional sixth field for seconds), in the scheduler's time zone." }
  };
  var EVERY_HELP = {
    day: "Every day at the given time.", weekday: "Monday to Friday at the given time.",
    monday: "Every Monday at the given time.", tuesday: "Every Tuesday at the given time.",
    wednesday: "Every Wednesday at the given time.", thursday: "Every Thursday at the given time.",
    friday: "Every Friday at the given time.", saturday: "Every Saturday at the given time.",
    sunday: "Every Sunday at the given time.", seconds: "Every N seconds.", minutes: "Every N minutes.",
    hours: "Every N hours.", every_day_hour: "Every hour on the hour (leave the time empty).",
    every_4_hour: "At 00:00, 04:00, 08:00, 12:00, 16:00 and 20:00 (leave the time empty).",
    cron: "A cron expression."
  };

  var state = {
    scope: "mine",
    tasks: [],
    heartbeats: [],
    lastRuns: {},
    serverSkewMs: 0,
    events: null,
    pollTimer: null,
    runModalId: null,
    outputTimer: null,
    charts: {},
    statusRunning: null
  };

  // ---------- helpers ----------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function icon(name, extra) {
    var i = el("i", "fa-solid " + name + (extra ? " " + extra : ""));
    i.setAttribute("aria-hidden", "true");
    return i;
  }

  function badge(text, cls, title) {
    var b = el("span", "badge " + cls, text);
    if (title) { b.title = title; }
    return b;
  }

  function str(value) {
    return value === null || value === undefined ? "" : String(value);
  }

  // The DataTables text renderer for display, the raw value for sorting and search.
  var textRender = $.fn.dataTable.render.text();

  // A column whose cell is built as DOM nodes; the renderer still yields plain text for sort/search.
  function domColumn(data, build, extra) {
    return $.extend({
      data: data,
      defaultContent: "",
      render: function (value, type, row) {
        return type === "display" ? "" : textRender.display(str(value), type, row);
      },
      createdCell: function (td, value, row) {
        var content = build(row, value);
        td.textContent = "";
        if (content) { td.appendChild(content); }
      }
    }, extra || {});
  }

  function textColumn(data, extra) {
    return $.extend({ data: data, defaultContent: "", render: textRender }, extra || {});
  }

  function api(method, path, body) {
    var options = {
      url: "api/" + path,
      method: method,
      dataType: "json",
      headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" }
    };
    if (body !== undefined) {
      options.contentType = "application/json";
      options.data = JSON.stringify(body);
    }
    return $.ajax(options).fail(function (xhr) {
      if (xhr.status === 401) { window.location.assign("login"); }
      if (xhr.status === 503) { databaseDown(true); }
    });
  }

  // While the database does not answer, the page keeps its last figures: say so until a read
  // that needs the database succeeds again.
  var databaseDownSince = null;
  function databaseDown(down) {
    var banner = document.getElementById("db-down");
    if (down && databaseDownSince === null) {
      databaseDownSince = new Date();
      banner.textContent = "The database does not answer (since " +
        databaseDownSince.toLocaleTimeString() + "): what this page shows may be out of date.";
      banner.classList.remove("d-none");
    } else if (!down && databaseDownSince !== null) {
      databaseDownSince = null;
      banner.classList.add("d-none");
      banner.textContent = "";
    }
  }

  function errorText(xhr, fallback) {
    if (xhr && xhr.responseJSON && xhr.responseJSON.error) { return String(xhr.responseJSON.error); }
    if (xhr && xhr.status === 0) { return "the server cannot be reached"; }
    return fallback || ("request failed" + (xhr && xhr.status ? " (HTTP " + xhr.status + ")" : ""));
  }

  function toast(message, kind) {
    var box = el("div", "toast align-items-center border-0 text-bg-" + (kind || "primary"));
    box.setAttribute("role", kind === "danger" ? "alert" : "status");
    box.setAttribute("aria-live", kind === "danger" ? "assertive" : "polite");
    box.setAttribute("aria-atomic", "true");
    var row = el("div", "d-flex");
    row.appendChild(el("div", "toast-body", message));
    var close = el("button", "btn-close btn-close-white me-2 m-auto");
    close.type = "button";
    close.setAttribute("data-bs-dismiss", "toast");
    close.setAttribute("aria-label", "Close");
    row.appendChild(close);
    box.appendChild(row);
    document.getElementById("alerts").appendChild(box);
    var t = new bootstrap.Toast(box, { delay: kind === "danger" ? 8000 : 4000 });
    box.addEventListener("hidden.bs.toast", function () { box.remove(); });
    t.show();
  }

  function setBusy(button, busy) {
    var spinner = button.querySelector(".spinner-border");
    if (spinner) { spinner.classList.toggle("d-none", !busy); }
    button.disabled = busy;
    button.setAttribute("aria-busy", busy ? "true" : "false");
  }

  // Legacy timestamps are local wall-clock times of the server's zone: compare them with the
  // server's "now" (both read as if UTC), kept as a skew against the browser clock.
  function parseLocal(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(str(text));
    if (!m) { return null; }
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  }

  function serverNow() {
    return Date.now() + state.serverSkewMs;
  }

  function formatDuration(ms) {
    if (ms === null || ms === undefined || ms === "") { return ""; }
    ms = Number(ms);
    if (ms < 1000) { return ms + " ms"; }
    var s = ms / 1000;
    if (s < 60) { return s.toFixed(s < 10 ? 2 : 1) + " s"; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + "m " + Math.round(s - m * 60) + "s"; }
    var h = Math.floor(m / 60);
    return h + "h " + (m - h * 60) + "m";
  }

  function statusBadge(status) {
    if (!status) { return null; }
    return badge(status, STATUS_CLASS[status] || "text-bg-secondary");
  }

  // ---------- modals, confirmation, focus ----------

  // Marks dialogs that finished opening (tests and assistive tooling can wait for it).
  document.addEventListener("shown.bs.modal", function (e) { e.target.setAttribute("data-shown", "true"); });
  document.addEventListener("hide.bs.modal", function (e) { e.target.removeAttribute("data-shown"); });

  var lastFocus = null;
  document.addEventListener("show.bs.modal", function () {
    if (!document.querySelector(".modal.show")) { lastFocus = document.activeElement; }
  });
  document.addEventListener("hidden.bs.modal", function () {
    if (!document.querySelector(".modal.show") && lastFocus && document.body.contains(lastFocus)) {
      lastFocus.focus();
    }
  });

  function modal(id) {
    return bootstrap.Modal.getOrCreateInstance(document.getElementById(id));
  }

  /** Hides an open dialog, then runs next: Bootstrap shows one dialog at a time. */
  function stepAside(id, next) {
    document.getElementById(id).addEventListener("hidden.bs.modal", next, { once: true });
    modal(id).hide();
  }

  function confirmDialog(title, message, okLabel) {
    return new Promise(function (resolve) {
      var node = document.getElementById("confirm-modal");
      document.getElementById("confirm-title").textContent = title;
      document.getElementById("confirm-body").textContent = message;
      var ok = document.getElementById("confirm-ok");
      ok.textContent = okLabel || "OK";
      var confirmed = false;
      var shown = false;
      // Bootstrap ignores hide() while the dialog is still fading in: hide once it is shown.
      function onOk() { confirmed = true; if (shown) { modal("confirm-modal").hide(); } }
      function onShown() {
        shown = true;
        if (confirmed) { modal("confirm-modal").hide(); } else { ok.focus(); }
      }
      function onHidden() {
        ok.removeEventListener("click", onOk);
        node.removeEventListener("shown.bs.modal", onShown);
        node.removeEventListener("hidden.bs.modal", onHidden);
        resolve(confirmed);
      }
      ok.addEventListener("click", onOk);
      node.addEventListener("shown.bs.modal", onShown);
      node.addEventListener("hidden.bs.modal", onHidden);
      modal("confirm-modal").show();
    });
  }

  // ---------- scheduler panel ----------

  function showStatus(status) {
    var badgeNode = document.getElementById("scheduler-badge");
    var text = document.getElementById("scheduler-text");
    var start = document.getElementById("scheduler-start");
    var stop = document.getElementById("scheduler-stop");
    if (!status) {
      badgeNode.className = "badge text-bg-secondary";
      badgeNode.textContent = "Unavailable";
      text.textContent = "No scheduler runs in this process.";
      start.disabled = true;
      stop.disabled = true;
      state.statusRunning = null;
      return;
    }
    state.statusRunning = !!status.running;
    if (status.running && status.standby) {
      badgeNode.className = "badge text-bg-warning";
      badgeNode.textContent = "Standby";
      text.textContent = "Running since " + str(status.start_time) +
        " – standing by: another scheduler holds this identity.";
    } else if (status.running) {
      badgeNode.className = "badge text-bg-success";
      badgeNode.textContent = "Running";
      text.textContent = "Running since " + str(status.start_time);
    } else {
      badgeNode.className = "badge text-bg-danger";
      badgeNode.textContent = "Stopped";
      text.textContent = "Stopped";
    }
    if (status.session_id) { text.title = "Session " + status.session_id; }
    document.getElementById("scheduler-status").setAttribute("data-running", status.running ? "true" : "false");
    if (!start.getAttribute("aria-busy") || start.getAttribute("aria-busy") === "false") {
      start.disabled = !!status.running;
    }
    if (!stop.getAttribute("aria-busy") || stop.getAttribute("aria-busy") === "false") {
      stop.disabled = !status.running;
    }
  }

  function loadStatus() {
    return api("GET", "scheduler/status").done(showStatus).fail(function (xhr) {
      if (xhr.status === 503) { showStatus(null); }
    });
  }

  function control(action) {
    var button = document.getElementById("scheduler-" + action);
    var question = action === "start"
      ? "Start the scheduler in this process? It will run this identity's tasks."
      : "Stop the scheduler? Runs in progress are given a grace period, then stopped.";
    confirmDialog(action === "start" ? "Start scheduler" : "Stop scheduler", question,
      action === "start" ? "Start" : "Stop").then(function (ok) {
      if (!ok) { return; }
      setBusy(button, true);
      api("POST", "scheduler/" + action).done(function (status) {
        showStatus(status);
        toast(action === "start" ? "Scheduler started." : "Scheduler stopped.", "success");
      }).fail(function (xhr) {
        toast("Cannot " + action + " the scheduler: " + errorText(xhr), "danger");
      }).always(function () {
        setBusy(button, false);
        loadStatus();
      });
    });
  }

  // ---------- live updates: server-sent events, polling as the fallback ----------

  function setLive(mode) {
    var indicator = document.getElementById("live-indicator");
    var text = document.getElementById("live-text");
    indicator.className = "badge " + (mode === "live" ? "text-bg-success" : "text-bg-secondary");
    text.textContent = mode === "live" ? "live" : "polling";
    indicator.title = mode === "live" ? "Live updates through the event stream" : "Refreshing the status every 5 s";
  }

  function startPolling() {
    setLive("polling");
    if (!state.pollTimer) {
      state.pollTimer = window.setInterval(loadStatus, POLL_MS);
    }
  }

  function stopPolling() {
    if (state.pollTimer) {
      window.clearInterval(state.pollTimer);
      state.pollTimer = null;
    }
  }

  var runsChanged = debounce(function () {
    reloadHistory();
    loadTasks();
    loadStats();
  }, 500);

  function connectEvents() {
    if (!window.EventSource) { startPolling(); return; }
    var source = new EventSource("api/events");
    state.events = source;
    source.addEventListener("open", function () { stopPolling(); setLive("live"); });
    source.addEventListener("error", function () {
      startPolling();
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. 503 where no scheduler runs): try again later.
        window.setTimeout(function () { if (state.events === source) { connectEvents(); } }, 30000);
      }
    });
    source.addEventListener("status", function (e) { showStatus(JSON.parse(e.data)); });
    source.addEventListener("log", function (e) { appendLog(JSON.parse(e.data)); });
    source.addEventListener("run-started", function (e) { onRunEvent(JSON.parse(e.data)); });
    source.addEventListener("run-ended", function (e) { onRunEvent(JSON.parse(e.data)); });
  }

  function onRunEvent(run) {
    runsChanged();
    if (state.runModalId !== null && run && run.ID === state.runModalId) {
      openRun(state.runModalId, true);
    }
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fn, ms);
    };
  }

  // ---------- stats ----------

  function loadStats() {
    return api("GET", "stats/summary").done(function (s) {
      databaseDown(false);
      document.getElementById("time-zone").textContent =
        s.TimeZone ? "Times are in " + s.TimeZone + "." : "";
      document.getElementById("stat-total").textContent = str(s.Tasks);
      document.getElementById("stat-enabled").textContent = str(s.EnabledTasks);
      document.getElementById("stat-scheduled").textContent = str(s.ScheduledRuns);
      document.getElementById("stat-recent").textContent = str(s.RecentRuns);
      document.getElementById("stat-failures").textContent = str(s.Failures);
      var now = parseLocal(s.Now);
      if (now !== null) { state.serverSkewMs = now - Date.now(); }
    });
  }

  // ---------- tasks ----------

  var tasksTable = $("#tasks-table").DataTable({
    data: [],
    order: [[0, "asc"]],
    pageLength: 25,
    autoWidth: false,
    language: { emptyTable: "No tasks yet: add one.", search: "Search:" },
    columns: [
      textColumn("ID"),
      domColumn("Enable", function (t) {
        var wrap = el("span", "d-inline-flex flex-wrap gap-1");
        wrap.appendChild(t.Enable ? badge("Enabled", "text-bg-success") : badge("Disabled", "text-bg-secondary"));
        if (t.ScheduleValid === false) {
          var bad = badge("Invalid schedule", "text-bg-danger schedule-invalid", str(t.ScheduleError));
          bad.insertBefore(icon("fa-triangle-exclamation", "me-1"), bad.firstChild);
          wrap.appendChild(bad);
        }
        return wrap;
      }),
      textColumn("ScriptName", { className: "name-cell" }),
      textColumn("ScriptFolder", { className: "name-cell" }),
      domColumn(function (t) { return str(t.Every) + " " + str(t.AtTime); }, function (t) {
        var wrap = el("span", t.ScheduleValid === false ? "text-danger" : "");
        var code = el("code", "schedule-text", (str(t.Every) + " " + str(t.AtTime)).trim());
        wrap.appendChild(code);
        if (t.ScheduleValid === false) {
          var why = el("div", "small schedule-error", str(t.ScheduleError));
          why.title = str(t.ScheduleError);
          wrap.appendChild(why);
        }
        return wrap;
      }),
      textColumn("RunBy"),
      textColumn("RunHost"),
      domColumn("ToRunAsap", function (t) {
        if (!t.ToRunAsap) { return el("span", "text-body-secondary", "No"); }
        if (!t.Enable) {
          var warn = badge("ASAP on disabled task", "text-bg-warning asap-warning",
            "This task is flagged to run as soon as possible, but it is disabled: it will not run.");
          warn.insertBefore(icon("fa-triangle-exclamation", "me-1"), warn.firstChild);
          return warn;
        }
        return badge("Yes", "text-bg-info");
      }),
      textColumn("Comment", { className: "text-break comment-cell" }),
      domColumn(function (t) { var r = state.lastRuns[t.ID]; return r ? r.Status : ""; }, function (t) {
        var r = state.lastRuns[t.ID];
        if (!r) { return el("span", "text-body-secondary", "–"); }
        var b = statusBadge(r.Status);
        b.title = str(r.InsertedAt);
        return b;
      }),
      domColumn(null, function (t) {
        var group = el("div", "btn-group btn-group-sm task-actions");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", "Actions for task " + t.ID);
        group.appendChild(actionButton("edit", t, "fa-pen", "btn-outline-primary", "Edit"));
        group.appendChild(actionButton("run", t, "fa-play", "btn-outline-success", "Run now"));
        group.appendChild(actionButton("toggle", t, t.Enable ? "fa-toggle-on" : "fa-toggle-off",
          "btn-outline-secondary", t.Enable ? "Disable" : "Enable"));
        group.appendChild(actionButton("chart", t, "fa-chart-line", "btn-outline-info", "Durations"));
        group.appendChild(actionButton("delete", t, "fa-trash", "btn-outline-danger", "Delete"));
        return group;
      }, { orderable: false, searchable: false, className: "text-nowrap" })
    ],
    createdRow: function (row, t) { row.setAttribute("data-task-id", String(t.ID)); }
  });

  function actionButton(action, task, iconName, cls, label) {
    var b = el("button", "btn " + cls);
    b.type = "button";
    b.setAttribute("data-action", action);
    b.setAttribute("data-id", String(task.ID));
    b.title = label + " – " + str(task.ScriptName);
    b.setAttribute("aria-label", label + " task " + task.ID);
    b.appendChild(icon(iconName));
    return b;
  }

  // Overlapping loads (a save, a live event, the auto-refresh) may answer out of order: only the
  // newest request's answer is shown, so a stale list never overwrites a fresher one.
  var tasksSeq = 0;
  function loadTasks() {
    var seq = ++tasksSeq;
    var path = state.scope === "all" ? "tasks/all" : "tasks";
    var lastRuns = api("GET", "stats/last-runs").done(function (rows) {
      var map = {};
      rows.forEach(function (r) { map[r.TaskID] = r; });
      if (seq === tasksSeq) { state.lastRuns = map; }
    });
    var tasks = api("GET", path);
    return $.when(tasks, lastRuns.then(null, function () { return $.Deferred().resolve(); }))
      .done(function (taskResult) {
        if (seq !== tasksSeq) { return; }
        state.tasks = taskResult[0];
        // Rebuilding unchanged rows would throw away the keyboard focus in them every refresh.
        var shown = JSON.stringify([state.tasks, state.lastRuns]);
        if (shown === state.tasksShown) { return; }
        state.tasksShown = shown;
        tasksTable.clear().rows.add(state.tasks).draw(false);
        fillChartTasks();
      }).fail(function (xhr) {
        if (xhr && xhr.status !== 401) { toast("Cannot load the tasks: " + errorText(xhr), "danger"); }
      });
  }

  function findTask(id) {
    for (var i = 0; i < state.tasks.length; i++) {
      if (state.tasks[i].ID === id) { return state.tasks[i]; }
    }
    return null;
  }

  $("#tasks-table").on("click", "button[data-action]", function () {
    var id = Number(this.getAttribute("data-id"));
    var action = this.getAttribute("data-action");
    var task = findTask(id);
    if (action === "edit") { openTask(id); }
    if (action === "run") { runNow(id, this); }
    if (action === "toggle" && task) { toggleTask(task, this); }
    if (action === "delete" && task) { deleteTask(task); }
    if (action === "chart") {
      document.getElementById("chart-task").value = String(id);
      bootstrap.Tab.getOrCreateInstance(document.getElementById("tab-charts")).show();
      loadDurations();
    }
  });

  $("input[name=task-scope]").on("change", function () {
    state.scope = this.value;
    loadTasks();
  });

  function runNow(id, button) {
    button.disabled = true;
    api("POST", "task/" + id + "/run").done(function (r) {
      toast(r.outcome === "STARTED" ? "Task " + id + " started."
        : "Task " + id + " flagged to run as soon as its scheduler sees it.", "success");
      runsChanged();
    }).fail(function (xhr) {
      toast("Cannot run task " + id + ": " + errorText(xhr), "danger");
    }).always(function () { button.disabled = false; });
  }

  function toggleTask(task, button) {
    button.disabled = true;
    api("PUT", "task/" + task.ID, { Enable: !task.Enable }).done(function (t) {
      toast("Task " + t.ID + (t.Enable ? " enabled." : " disabled."), "success");
      loadTasks();
      loadStats();
    }).fail(function (xhr) {
      button.disabled = false;
      toast("Cannot change task " + task.ID + ": " + errorText(xhr), "danger");
    });
  }

  function deleteTask(task) {
    return confirmDialog("Delete task", "Delete task " + task.ID + " (" + str(task.ScriptName) +
      ")? Its run history is kept.", "Delete").then(function (ok) {
      if (!ok) { return false; }
      return api("DELETE", "task/" + task.ID).then(function () {
        toast("Task " + task.ID + " deleted.", "success");
        loadTasks();
        loadStats();
        return true;
      }, function (xhr) {
        toast("Cannot delete task " + task.ID + ": " + errorText(xhr), "danger");
        return false;
      });
    });
  }

  // ---------- task dialog ----------

  var form = document.getElementById("task-form");
  var everySelect = document.getElementById("f-Every");
  var atTimeInput = document.getElementById("f-AtTime");
  var savedSchedule = null;

  function field(name) { return document.getElementById("f-" + name); }

  function clearErrors() {
    FIELDS.forEach(function (name) {
      field(name).classList.remove("is-invalid");
      field(name).removeAttribute("aria-invalid");
      var e = document.getElementById("e-" + name);
      if (e) { e.textContent = ""; }
    });
    var general = document.getElementById("task-form-error");
    general.textContent = "";
    general.classList.add("d-none");
  }

  function showError(message) {
    // Server messages start with the field's name ("AtTime: ..." or "AtTime must be ...").
    var m = /^([A-Za-z]+)\b/.exec(message);
    if (m && FIELDS.indexOf(m[1]) >= 0 && document.getElementById("e-" + m[1])) {
      var input = field(m[1]);
      input.classList.add("is-invalid");
      input.setAttribute("aria-invalid", "true");
      document.getElementById("e-" + m[1]).textContent = message;
      input.focus();
      return;
    }
    var general = document.getElementById("task-form-error");
    general.textContent = message;
    general.classList.remove("d-none");
    general.focus();
  }

  function ensureEveryOption(value) {
    var lower = str(value).toLowerCase();
    for (var i = 0; i < everySelect.options.length; i++) {
      if (everySelect.options[i].value === lower) { return lower; }
    }
    var extra = el("option", "every-custom", value);
    extra.value = str(value);
    everySelect.appendChild(extra);
    return str(value);
  }

  function scheduleKind(every) {
    every = str(every).toLowerCase();
    if (every === "seconds" || every === "minutes" || every === "hours") { return "interval"; }
    if (every === "every_day_hour" || every === "every_4_hour") { return "none"; }
    if (every === "cron") { return "cron"; }
    return "time";
  }

  function updateScheduleHelp() {
    var every = everySelect.value;
    var kind = scheduleKind(every);
    var help = SCHEDULE_HELP[kind];
    document.getElementById("l-AtTime").textContent = help.label;
    atTimeInput.placeholder = help.placeholder;
    atTimeInput.disabled = kind === "none";
    if (kind === "none") { atTimeInput.value = ""; }
    document.getElementById("h-schedule").textContent =
      (EVERY_HELP[every.toLowerCase()] || "Unknown schedule form.") + (help.help ? " " + help.help : "");
  }

  var previewSeq = 0;
  function showPreview(p) {
    var list = document.getElementById("preview-list");
    var error = document.getElementById("preview-error");
    list.textContent = "";
    error.textContent = "";
    document.getElementById("preview-zone").textContent = p && p.TimeZone ? "(" + p.TimeZone + ")" : "";
    if (!p) { return; }
    if (p.ScheduleValid === false) {
      error.textContent = str(p.ScheduleError);
      return;
    }
    (p.NextFireTimes || []).forEach(function (t) { list.appendChild(el("li", null, t)); });
  }

  var updatePreview = debounce(function () {
    var seq = ++previewSeq;
    var id = document.getElementById("task-id").value;
    var every = everySelect.value;
    var at = atTimeInput.value;
    var path;
    if (id && savedSchedule && savedSchedule.every === every && savedSchedule.at === at) {
      path = "task/" + encodeURIComponent(id) + "/next?count=5";
    } else {
      path = "schedule/preview?" + $.param({ Every: every, AtTime: at, count: 5 });
    }
    api("GET", path).done(function (p) {
      if (seq === previewSeq) { showPreview(p); }
    }).fail(function (xhr) {
      if (seq === previewSeq) { showPreview({ ScheduleValid: false, ScheduleError: errorText(xhr) }); }
    });
  }, 250);

  everySelect.addEventListener("change", function () { updateScheduleHelp(); updatePreview(); });
  atTimeInput.addEventListener("input", updatePreview);

  function fillForm(t) {
    clearErrors();
    $(everySelect).find("option.every-custom").remove();
    document.getElementById("task-id").value = t && t.ID ? String(t.ID) : "";
    field("ScriptName").value = str(t && t.ScriptName);
    field("ScriptFolder").value = str(t && t.ScriptFolder);
    everySelect.value = ensureEveryOption(t && t.Every ? t.Every : "day");
    atTimeInput.value = str(t ? t.AtTime : "08:00");
    field("RunBy").value = str(t && t.RunBy);
    field("RunHost").value = str(t && t.RunHost);
    field("Ressource").value = str(t && t.Ressource);
    field("Comment").value = str(t && t.Comment);
    field("TimeoutSeconds").value = str(t && t.TimeoutSeconds);
    field("CatchUpGraceMinutes").value = str(t && t.CatchUpGraceMinutes);
    field("Enable").checked = t ? !!t.Enable : true;
    field("ToRunAsap").checked = t ? !!t.ToRunAsap : false;
    savedSchedule = t && t.ID ? { every: everySelect.value, at: atTimeInput.value } : null;
    updateScheduleHelp();
    showPreview(null);
    updatePreview();
  }

  function openTask(id) {
    if (id === null) {
      document.getElementById("task-modal-title").textContent = "Add task";
      document.getElementById("task-delete").classList.add("d-none");
      fillForm(null);
      modal("task-modal").show();
      return;
    }
    api("GET", "task/" + id).done(function (t) {
      document.getElementById("task-modal-title").textContent = "Edit task " + t.ID;
      document.getElementById("task-delete").classList.remove("d-none");
      fillForm(t);
      modal("task-modal").show();
    }).fail(function (xhr) { toast("Cannot open task " + id + ": " + errorText(xhr), "danger"); });
  }

  document.getElementById("task-modal").addEventListener("shown.bs.modal", function () {
    field("ScriptName").focus();
  });
  document.getElementById("task-add").addEventListener("click", function () { openTask(null); });

  function numberOrNull(name) {
    var v = field(name).value.trim();
    if (v === "") { return null; }
    return /^-?\d+$/.test(v) ? Number(v) : v;
  }

  function formBody(isNew) {
    var body = {
      ScriptName: field("ScriptName").value,
      ScriptFolder: field("ScriptFolder").value,
      Every: everySelect.value,
      AtTime: atTimeInput.value,
      Ressource: field("Ressource").value,
      Comment: field("Comment").value,
      TimeoutSeconds: numberOrNull("TimeoutSeconds"),
      CatchUpGraceMinutes: numberOrNull("CatchUpGraceMinutes"),
      Enable: field("Enable").checked,
      ToRunAsap: field("ToRunAsap").checked
    };
    // Empty identity fields on a new task mean "this scheduler's identity" (the server's default).
    ["RunBy", "RunHost"].forEach(function (name) {
      var v = field(name).value;
      if (!isNew || v.trim() !== "") { body[name] = v; }
    });
    return body;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var id = document.getElementById("task-id").value;
    var save = document.getElementById("task-save");
    setBusy(save, true);
    var request = id ? api("PUT", "task/" + id, formBody(false)) : api("POST", "task", formBody(true));
    request.done(function (t) {
      document.getElementById("task-id").value = String(t.ID);
      savedSchedule = { every: str(t.Every), at: str(t.AtTime) };
      modal("task-modal").hide();
      toast((id ? "Task " + t.ID + " saved." : "Task " + t.ID + " created."), "success");
      loadTasks();
      loadStats();
    }).fail(function (xhr) {
      showError(errorText(xhr));
    }).always(function () { setBusy(save, false); });
  });

  document.getElementById("task-delete").addEventListener("click", function () {
    var id = Number(document.getElementById("task-id").value);
    var task = findTask(id) || { ID: id, ScriptName: field("ScriptName").value };
    // Dialogs do not stack: the task dialog steps aside for the confirmation and comes back,
    // edits and all, unless the task was deleted.
    stepAside("task-modal", function () {
      deleteTask(task).then(function (deleted) {
        if (!deleted) { modal("task-modal").show(); }
      });
    });
  });

  // ---------- next runs ----------

  var nextTable = $("#next-table").DataTable({
    data: [],
    order: [[0, "asc"]],
    pageLength: 25,
    autoWidth: false,
    language: { emptyTable: "No published next runs." },
    columns: [
      textColumn("NextRun", { className: "text-nowrap" }),
      textColumn("ScriptName", { className: "name-cell" }),
      textColumn("ScriptFolder", { className: "name-cell" }),
      textColumn("RunBy"),
      textColumn("RunHost"),
      textColumn("HeartbeatID", { className: "small name-cell" })
    ]
  });

  function loadNext() {
    return api("GET", "scheduled").done(function (rows) {
      nextTable.clear().rows.add(rows).draw(false);
    });
  }

  // ---------- execution history (server-side) ----------

  function historyFilters() {
    var f = {};
    var status = document.getElementById("filter-status").value;
    var user = document.getElementById("filter-user").value.trim();
    var host = document.getElementById("filter-host").value.trim();
    var from = document.getElementById("filter-from").value;
    var to = document.getElementById("filter-to").value;
    if (status) { f.status = status; }
    if (user) { f.user = user; }
    if (host) { f.host = host; }
    if (from) { f.from = from; }
    if (to) { f.to = to; }
    return f;
  }

  // Over a large history the server counts matches only up to a cap, then sends PostgreSQL's
  // estimate ("estimate") or the lower bound it reached ("atLeast"); the total may be an estimate
  // too. The info line says so instead of showing those figures as exact.
  function historyCount(n, accuracy) {
    var text = Number(n).toLocaleString("en-US");
    if (accuracy === "estimate") { return "about " + text; }
    if (accuracy === "atLeast") { return "at least " + text; }
    return text;
  }

  function historyInfo(settings, start, end, max, total, pre) {
    var json = settings.json;
    if (!json || ((json.recordsFilteredAccuracy || "exact") === "exact" &&
        (json.recordsTotalAccuracy || "exact") === "exact")) {
      return pre;
    }
    var text = "Showing " + (end === 0 ? 0 : start).toLocaleString("en-US") + " to " +
      end.toLocaleString("en-US") + " of " +
      historyCount(json.recordsFiltered, json.recordsFilteredAccuracy) + " entries";
    if (json.recordsFiltered !== json.recordsTotal) {
      text += " (filtered from " + historyCount(json.recordsTotal, json.recordsTotalAccuracy) +
        " total entries)";
    }
    return text;
  }

  var historyTable = $("#history-table").DataTable({
    serverSide: true,
    processing: true,
    searchDelay: 400,
    order: [[0, "desc"]],
    pageLength: 25,
    autoWidth: false,
    language: { emptyTable: "No runs match." },
    infoCallback: historyInfo,
    ajax: {
      url: "api/logs",
      headers: { Accept: "application/json" },
      data: function (d) { return $.extend(d, historyFilters()); },
      error: function (xhr) {
        if (xhr.status === 401) { window.location.assign("login"); return; }
        toast("Cannot load the history: " + errorText(xhr), "danger");
        var settings = historyTable && historyTable.settings()[0];
        if (settings) { $("#history-table_processing").hide(); }
      }
    },
    columns: [
      textColumn("InsertedAt", { className: "text-nowrap" }),
      textColumn("ScriptFile", { orderable: false, className: "name-cell" }),
      domColumn("Status", function (r) {
        var b = statusBadge(r.Status) || el("span", "text-body-secondary", "");
        if (r.Reason) { b.title = str(r.Reason); }
        return b;
      }),
      textColumn("ExitCode", { orderable: false }),
      domColumn("DurationMs", function (r) { return document.createTextNode(formatDuration(r.DurationMs)); },
        { orderable: false, className: "text-nowrap" }),
      domColumn("StartLagMs", function (r) { return document.createTextNode(formatDuration(r.StartLagMs)); },
        { orderable: false, className: "text-nowrap" }),
      textColumn("SessionID", { orderable: false, className: "small name-cell" }),
      domColumn("IsProd", function (r) {
        if (r.IsProd === null || r.IsProd === undefined) { return null; }
        return r.IsProd ? badge("Prod", "text-bg-danger") : badge("Dev", "text-bg-info");
      }, { orderable: false }),
      textColumn("InsertedBy", { orderable: false }),
      textColumn("InsertedHost", { orderable: false })
    ],
    createdRow: function (row, r) {
      row.setAttribute("data-run-id", String(r.ID));
      row.setAttribute("tabindex", "0");
      row.setAttribute("role", "button");
      row.setAttribute("aria-label", "Run " + r.ID + ", " + str(r.ScriptFile) + ", " + str(r.Status) + ": open");
    }
  });

  function updateCsvLink() {
    var params = historyFilters();
    var search = historyTable.search();
    if (search) { params["search[value]"] = search; }
    var query = $.param(params);
    document.getElementById("history-csv").setAttribute("href", "api/logs.csv" + (query ? "?" + query : ""));
  }

  historyTable.on("draw", updateCsvLink);

  function reloadHistory() {
    historyTable.ajax.reload(null, false);
  }

  $("#history-filters").on("change", "select, input", function () { historyTable.ajax.reload(); });
  $("#history-filters").on("input", "#filter-user, #filter-host", debounce(function () {
    historyTable.ajax.reload();
  }, 400));
  $("#history-filters").on("submit", function (e) { e.preventDefault(); historyTable.ajax.reload(); });
  document.getElementById("filter-clear").addEventListener("click", function () {
    document.getElementById("history-filters").reset();
    historyTable.search("").ajax.reload();
  });

  $("#history-table tbody").on("click", "tr[data-run-id]", function () {
    openRun(Number(this.getAttribute("data-run-id")), false);
  });
  $("#history-table tbody").on("keydown", "tr[data-run-id]", function (e) {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      openRun(Number(this.getAttribute("data-run-id")), false);
    }
  });

  // ---------- run dialog ----------

  var RUN_DETAILS = [["ID", "ID"], ["ScriptFile", "Script"], ["Status", "Status"], ["TaskID", "Task"],
    ["TriggeredBy", "Triggered by"], ["FireTime", "Fire time"], ["StartedAt", "Started"],
    ["FinishedAt", "Finished"], ["ExitCode", "Exit code"], ["DurationMs", "Duration"],
    ["StartLagMs", "Start lag"], ["Reason", "Reason"], ["SessionID", "Session"],
    ["HeartbeatID", "Heartbeat ID"], ["TraceID", "Trace ID"], ["InsertedAt", "Logged at"],
    ["InsertedBy", "User"], ["InsertedHost", "Host"], ["IsProd", "Environment"]];

  function openRun(id, refreshOnly) {
    state.runModalId = id;
    var details = document.getElementById("run-details");
    var output = document.getElementById("run-output");
    var kill = document.getElementById("run-kill");
    if (!refreshOnly) {
      details.textContent = "";
      output.textContent = "Loading…";
      kill.classList.add("d-none");
      document.getElementById("run-title").textContent = "Run " + id;
      modal("run-modal").show();
    }
    api("GET", "runs/" + id).done(function (r) {
      details.textContent = "";
      RUN_DETAILS.forEach(function (pair) {
        var value = r[pair[0]];
        if (value === null || value === undefined || value === "") { return; }
        if (pair[0] === "DurationMs" || pair[0] === "StartLagMs") { value = formatDuration(value); }
        if (pair[0] === "IsProd") { value = value ? "Prod" : "Dev"; }
        details.appendChild(el("dt", "col-sm-3 col-5", pair[1]));
        var dd = el("dd", "col-sm-9 col-7 text-break");
        if (pair[0] === "Status") { dd.appendChild(statusBadge(String(value))); } else { dd.textContent = String(value); }
        details.appendChild(dd);
      });
      document.getElementById("run-title").textContent = "Run " + r.ID + " – " + str(r.ScriptFile);
      // A Python scheduler's rows stay Run for ever, and a claimed run not yet started has no
      // process: only a started run of ours can be killed.
      var running = r.Status === "Run" && !!r.StartedAt;
      kill.classList.toggle("d-none", !running);
      // Its output is read again while it runs; the run's end event reads it a last time.
      clearTimeout(state.outputTimer);
      if (running) {
        state.outputTimer = setTimeout(function () {
          if (state.runModalId === id) { openRun(id, true); }
        }, OUTPUT_FOLLOW_MS);
      }
    });
    api("GET", "runs/" + id + "/output").done(function (o) {
      // Like the log viewer: new output keeps the view at the bottom only if it was there.
      var follow = !refreshOnly || output.scrollHeight - output.scrollTop - output.clientHeight < 24;
      var text = o.Available ? str(o.Output) : "(no output available)";
      if (output.textContent !== text) { output.textContent = text; }
      if (follow) { output.scrollTop = output.scrollHeight; }
    }).fail(function (xhr) { output.textContent = "Cannot load the output: " + errorText(xhr); });
  }

  document.getElementById("run-modal").addEventListener("hidden.bs.modal", function () {
    state.runModalId = null;
    clearTimeout(state.outputTimer);
  });
  document.getElementById("run-refresh").addEventListener("click", function () {
    if (state.runModalId !== null) { openRun(state.runModalId, true); }
  });
  document.getElementById("run-kill").addEventListener("click", function () {
    var id = state.runModalId;
    // The run dialog steps aside for the confirmation (it covered it) and comes back with the outcome.
    stepAside("run-modal", function () {
      confirmDialog("Kill run", "Kill run " + id + " now?", "Kill").then(function (ok) {
        if (!ok) { openRun(id, false); return; }
        api("POST", "runs/" + id + "/kill").done(function () {
          toast("Run " + id + " is being killed.", "success");
        }).fail(function (xhr) {
          toast("Cannot kill run " + id + ": " + errorText(xhr), "danger");
        }).always(function () {
          openRun(id, false);
          runsChanged();
        });
      });
    });
  });

  // ---------- heartbeat ----------

  function heartbeatState(row) {
    var at = parseLocal(row.LastInsertedAt);
    if (at === null) { return { cls: "text-bg-secondary", text: "Unknown", key: "unknown" }; }
    var minutes = Math.max(0, (serverNow() - at) / 60000);
    if (minutes < 5) { return { cls: "text-bg-success", text: "Active", key: "active" }; }
    if (minutes < 60) { return { cls: "text-bg-warning", text: "Idle (" + Math.floor(minutes) + "m ago)", key: "idle-minutes" }; }
    if (minutes < 24 * 60) { return { cls: "badge-orange", text: "Idle (" + Math.floor(minutes / 60) + "h ago)", key: "idle-hours" }; }
    return { cls: "text-bg-danger", text: "Inactive (" + Math.floor(minutes / 1440) + "d ago)", key: "inactive" };
  }

  var heartbeatTable = $("#heartbeat-table").DataTable({
    data: [],
    order: [[3, "desc"]],
    pageLength: 25,
    autoWidth: false,
    language: { emptyTable: "No heartbeats yet." },
    columns: [
      textColumn("InsertedBy"),
      textColumn("InsertedHost"),
      domColumn("IsProd", function (r) {
        if (r.IsProd === null || r.IsProd === undefined) { return null; }
        return r.IsProd ? badge("Prod", "text-bg-danger") : badge("Dev", "text-bg-info");
      }),
      textColumn("LastInsertedAt", { className: "text-nowrap" }),
      domColumn(function (r) { return heartbeatState(r).text; }, function (r) {
        var s = heartbeatState(r);
        var b = badge(s.text, s.cls + " heartbeat-status");
        b.setAttribute("data-state", s.key);
        return b;
      })
    ]
  });

  function loadHeartbeat() {
    return api("GET", "heartbeat").done(function (rows) {
      state.heartbeats = rows;
      heartbeatTable.clear().rows.add(rows).draw(false);
    });
  }

  // ---------- scheduler log viewer ----------

  var logsView = document.getElementById("logs-view");

  function logLine(line) {
    var level = str(line.level).toUpperCase();
    var row = el("div", "log-line log-" + (level === "ERROR" ? "error" : level === "WARNING" ? "warning" : "info"));
    row.appendChild(el("span", "log-time", str(line.timestamp)));
    row.appendChild(el("span", "log-level", level));
    row.appendChild(el("span", "log-message", str(line.message)));
    return row;
  }

  function scrollLogs() {
    if (document.getElementById("logs-autoscroll").checked) { logsView.scrollTop = logsView.scrollHeight; }
  }

  // Like a terminal: a new line keeps the view at the bottom only if it was there, so a reader who
  // scrolled up to older lines is not pulled away from them.
  function atBottom() {
    return logsView.scrollHeight - logsView.scrollTop - logsView.clientHeight < 24;
  }

  function appendLog(line) {
    if (!document.getElementById("logs-modal").classList.contains("show")) { return; }
    var follow = atBottom();
    logsView.appendChild(logLine(line));
    while (logsView.childNodes.length > LOG_LINES) { logsView.removeChild(logsView.firstChild); }
    if (follow) { scrollLogs(); }
  }

  function loadLogs() {
    return api("GET", "scheduler/logs?limit=" + LOG_LINES).done(function (lines) {
      logsView.textContent = "";
      if (!lines.length) { logsView.appendChild(el("div", "log-line log-info", "No log lines yet.")); }
      lines.forEach(function (line) { logsView.appendChild(logLine(line)); });
      scrollLogs();
    }).fail(function (xhr) {
      logsView.textContent = "";
      logsView.appendChild(el("div", "log-line log-error", "Cannot load the logs: " + errorText(xhr)));
    });
  }

  document.getElementById("scheduler-logs").addEventListener("click", function () {
    logsView.textContent = "";
    modal("logs-modal").show();
    loadLogs();
  });
  document.getElementById("logs-modal").addEventListener("shown.bs.modal", function () { scrollLogs(); logsView.focus(); });
  document.getElementById("logs-refresh").addEventListener("click", loadLogs);

  // ---------- charts ----------

  function themeColors() {
    var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
    return { text: dark ? "#dee2e6" : "#212529", grid: dark ? "rgba(255,255,255,.1)" : "rgba(0,0,0,.08)" };
  }

  function chartOptions(stacked, yTitle) {
    var c = themeColors();
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { labels: { color: c.text } } },
      scales: {
        x: { stacked: stacked, ticks: { color: c.text }, grid: { color: c.grid } },
        y: { stacked: stacked, beginAtZero: true, ticks: { color: c.text, precision: 0 }, grid: { color: c.grid },
          title: { display: !!yTitle, text: yTitle || "", color: c.text } }
      }
    };
  }

  function loadRunsChart() {
    if (!window.Chart) { return $.Deferred().resolve(); }
    return api("GET", "stats/runs-per-day?days=14").done(function (s) {
      var datasets = Object.keys(s.Series || {}).map(function (status) {
        return { label: status, data: s.Series[status], backgroundColor: STATUS_COLOR[status] || "#6c757d" };
      });
      if (state.charts.runs) { state.charts.runs.destroy(); }
      state.charts.runs = new Chart(document.getElementById("chart-runs"), {
        type: "bar", data: { labels: s.Days, datasets: datasets }, options: chartOptions(true, "runs")
      });
    });
  }

  function fillChartTasks() {
    var select = document.getElementById("chart-task");
    var current = select.value;
    select.textContent = "";
    state.tasks.forEach(function (t) {
      var o = el("option", null, t.ID + " – " + str(t.ScriptName));
      o.value = String(t.ID);
      select.appendChild(o);
    });
    if (current && findTask(Number(current))) { select.value = current; }
  }

  function loadDurations() {
    var id = document.getElementById("chart-task").value;
    if (!window.Chart || !id) { return $.Deferred().resolve(); }
    return api("GET", "logs?" + $.param({ taskId: id, limit: 50 })).done(function (runs) {
      var done = runs.filter(function (r) { return r.DurationMs !== null && r.DurationMs !== undefined; }).reverse();
      if (state.charts.durations) { state.charts.durations.destroy(); }
      state.charts.durations = new Chart(document.getElementById("chart-durations"), {
        type: "line",
        data: {
          labels: done.map(function (r) { return str(r.InsertedAt); }),
          datasets: [{
            label: "duration (s)",
            data: done.map(function (r) { return r.DurationMs / 1000; }),
            borderColor: "#0d6efd", backgroundColor: "rgba(13,110,253,.2)", fill: true, tension: 0.2,
            pointBackgroundColor: done.map(function (r) { return STATUS_COLOR[r.Status] || "#0d6efd"; })
          }]
        },
        options: chartOptions(false, "seconds")
      });
    });
  }

  document.getElementById("chart-task").addEventListener("change", loadDurations);

  function chartsVisible() {
    return document.getElementById("pane-charts").classList.contains("active");
  }

  function loadCharts() {
    return $.when(loadRunsChart(), loadDurations());
  }

  // ---------- tabs, theme, refresh, login ----------

  document.querySelectorAll("#tabs button[data-bs-toggle=tab]").forEach(function (tab) {
    tab.addEventListener("shown.bs.tab", function () {
      $.fn.dataTable.tables({ visible: true, api: true }).columns.adjust();
      if (tab.id === "tab-charts") { loadCharts(); }
      // Ages move on: rebuild the rows (invalidate() would not re-run the DOM-building cells).
      if (tab.id === "tab-heartbeat") { heartbeatTable.clear().rows.add(state.heartbeats).draw(false); }
    });
  });

  function applyThemeButton() {
    var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
    var button = document.getElementById("theme-toggle");
    button.setAttribute("aria-pressed", dark ? "true" : "false");
    button.title = dark ? "Switch to light mode" : "Switch to dark mode";
    var i = button.querySelector("i");
    i.className = "fa-solid " + (dark ? "fa-sun" : "fa-moon");
  }

  document.getElementById("theme-toggle").addEventListener("click", function () {
    var dark = document.documentElement.getAttribute("data-bs-theme") !== "dark";
    document.documentElement.setAttribute("data-bs-theme", dark ? "dark" : "light");
    try { window.localStorage.setItem("theme", dark ? "dark" : "light"); } catch (e) { /* private mode */ }
    applyThemeButton();
    if (chartsVisible()) { loadCharts(); }
  });
  applyThemeButton();

  var refreshing = false;
  function refreshAll() {
    if (refreshing) { return; }
    refreshing = true;
    var button = document.getElementById("refresh");
    button.querySelector("i").classList.add("fa-spin");
    button.setAttribute("aria-busy", "true");
    var work = [loadStats(), loadTasks(), loadNext(), loadHeartbeat(), loadStatus()];
    reloadHistory();
    if (chartsVisible()) { work.push(loadCharts()); }
    $.when.apply($, work.map(function (p) {
      return p.then(null, function () { return $.Deferred().resolve(); });
    })).always(function () {
      refreshing = false;
      // Spin at least briefly so the click is visibly acknowledged.
      window.setTimeout(function () {
        button.querySelector("i").classList.remove("fa-spin");
        button.setAttribute("aria-busy", "false");
      }, 400);
    });
  }

  document.getElementById("refresh").addEventListener("click", refreshAll);
  document.getElementById("scheduler-start").addEventListener("click", function () { control("start"); });
  document.getElementById("scheduler-stop").addEventListener("click", function () { control("stop"); });

  api("GET", "session").done(function (s) {
    document.getElementById("logout").classList.toggle("d-none", !s.loginRequired);
  });

  setLive("polling");
  loadStats().always(function () { loadHeartbeat(); });
  loadTasks();
  loadNext();
  loadStatus();
  connectEvents();
  window.setInterval(refreshAll, AUTO_REFRESH_MS);
  document.body.setAttribute("data-ready", "true");
})(jQuery);
