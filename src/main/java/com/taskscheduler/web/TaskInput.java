package com.taskscheduler.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskscheduler.schedule.InvalidScheduleException;
import com.taskscheduler.schedule.Schedules;
import com.taskscheduler.task.Task;
import jakarta.ws.rs.core.Response.Status;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a task from a request body with the legacy field names and applies it to a task. Only the
 * writable fields are read; unknown and read-only fields (ID, Inserted*, ScheduleValid...) are
 * ignored. Every value is checked before anything changes, and a bad one is a 400 naming it.
 */
final class TaskInput {
  static final int MAX_NAME = 255;
  static final int MAX_SCHEDULE = 50;
  static final int MAX_COMMENT = 4000;
  static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
  static final int MAX_GRACE_MINUTES = 7 * 24 * 60;

  private final JsonNode body;
  private final Map<String, Integer> widths;

  private TaskInput(JsonNode body, Map<String, Integer> widths) {
    this.body = body;
    this.widths = widths;
  }

  /**
   * @param widths the task table's column widths by lower-cased name: where one is narrower than
   *     our limit (a legacy nvarchar(255) Comment), it is the limit
   */
  static TaskInput of(JsonNode body, Map<String, Integer> widths) {
    if (body == null || !body.isObject()) {
      throw ApiError.badRequest("body", "must be a JSON object with the task's fields");
    }
    return new TaskInput(body, widths);
  }

  /**
   * Validates the input and applies it to {@code task}. On create every required field must be
   * given; on update only the given fields change. The schedule is validated whenever the result
   * would carry a changed Every or AtTime (or on create).
   */
  void applyTo(Task task, boolean create, ZoneId zone) {
    // Read and check every value first, so a bad one leaves the task untouched.
    String scriptName = text("ScriptName", MAX_NAME, create, false);
    String scriptFolder = text("ScriptFolder", MAX_NAME, false, true);
    String every = text("Every", MAX_SCHEDULE, create, false);
    String atTime = text("AtTime", MAX_SCHEDULE, false, true);
    String runBy = text("RunBy", MAX_NAME, false, false);
    String runHost = text("RunHost", MAX_NAME, false, false);
    String ressource = text("Ressource", MAX_NAME, false, true);
    String comment = text("Comment", MAX_COMMENT, false, true);
    Boolean enable = bool("Enable");
    Boolean asap = bool("ToRunAsap");
    Integer timeout = integer("TimeoutSeconds", 1, MAX_TIMEOUT_SECONDS);
    Integer grace = integer("CatchUpGraceMinutes", 0, MAX_GRACE_MINUTES);

    String newEvery = has("Every") ? every : task.getEvery();
    String newAtTime = has("AtTime") ? atTime : task.getAtTime();
    if (create || has("Every") || has("AtTime")) {
      try {
        Schedules.parse(newEvery, newAtTime, zone);
      } catch (InvalidScheduleException e) {
        throw new ApiError(Status.BAD_REQUEST, e.getMessage());
      }
    }

    if (has("ScriptName")) {
      task.setScriptName(scriptName);
    }
    if (has("ScriptFolder")) {
      task.setScriptFolder(scriptFolder);
    }
    if (has("Every")) {
      task.setEvery(every);
    }
    if (has("AtTime")) {
      task.setAtTime(atTime);
    }
    if (has("RunBy")) {
      // Schedulers match RunBy lower-cased (SPEC §5), as the Python tool writes it.
      task.setRunBy(runBy.toLowerCase(Locale.ROOT));
    }
    if (has("RunHost")) {
      task.setRunHost(runHost);
    }
    if (has("Ressource")) {
      task.setRessource(ressource);
    }
    if (has("Comment")) {
      task.setComment(comment);
    }
    if (enable != null) {
      task.setEnable(enable);
    }
    if (asap != null) {
      task.setToRunAsap(asap);
    }
    if (has("TimeoutSeconds")) {
      task.setTimeoutSeconds(timeout);
    }
    if (has("CatchUpGraceMinutes")) {
      task.setCatchUpGraceMinutes(grace);
    }
  }

  private boolean has(String field) {
    return body.has(field);
  }

  /**
   * A string field: trimmed, at most {@code max} characters, no control characters (tab and line
   * breaks only in Comment). {@code nullable}: JSON null (or "" for optional ones) clears it.
   */
  private String text(String field, int max, boolean required, boolean nullable) {
    JsonNode node = body.get(field);
    if (node == null) {
      if (required) {
        throw ApiError.badRequest(field, "is required");
      }
      return null;
    }
    if (node.isNull()) {
      if (nullable) {
        return null;
      }
      throw ApiError.badRequest(field, "must not be empty");
    }
    if (!node.isTextual()) {
      throw ApiError.badRequest(field, "must be a string");
    }
    String value = node.textValue();
    int width = widths.getOrDefault(field.toLowerCase(Locale.ROOT), max);
    int limit = width > 0 ? Math.min(max, width) : max;
    if (value.length() > limit) {
      throw ApiError.badRequest(field, "must be at most " + limit + " characters");
    }
    value = value.trim();
    if (value.isEmpty() && !nullable) {
      throw ApiError.badRequest(field, "must not be empty");
    }
    boolean multiLine = field.equals("Comment");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowedControl = multiLine && (c == '\t' || c == '\n' || c == '\r');
      if ((Character.isISOControl(c) && !allowedControl)) {
        throw ApiError.badRequest(field, "must not contain control characters");
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw ApiError.badRequest(field, "is not valid Unicode text");
        }
        i++;
      }
    }
    return value;
  }

  /** true/false, or 1/0 like the legacy tool's bit columns; null leaves the value as it is. */
  private Boolean bool(String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      int value = node.intValue();
      if (value == 0 || value == 1) {
        return value == 1;
      }
    }
    throw ApiError.badRequest(field, "must be true, false, 1 or 0");
  }

  /** A whole number in range; JSON null clears it. */
  private Integer integer(String field, int min, int max) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      int value = node.intValue();
      if (value >= min && value <= max) {
        return value;
      }
    }
    throw ApiError.badRequest(field, "must be a whole number between " + min + " and " + max);
  }
}
