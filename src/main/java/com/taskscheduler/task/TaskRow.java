package com.taskscheduler.task;

import java.time.LocalDateTime;

/**
 * A task's definition as lists show it, read without building a managed entity: lists read every
 * task on each request, and an entity costs a managed copy plus a copy for change detection.
 */
public record TaskRow(
    Integer id,
    Boolean enable,
    String runBy,
    String scriptName,
    String scriptFolder,
    String every,
    String atTime,
    String ressource,
    Boolean toRunAsap,
    String comment,
    String runHost,
    LocalDateTime insertedAt,
    String insertedBy,
    String insertedHost,
    Integer timeoutSeconds,
    Integer catchUpGraceMinutes) {

  /** The JPQL select list that builds a row, over {@code Task t}. */
  static final String SELECT =
      "SELECT NEW com.taskscheduler.task.TaskRow(t.id, t.enable, t.runBy, t.scriptName,"
          + " t.scriptFolder, t.every, t.atTime, t.ressource, t.toRunAsap, t.comment, t.runHost,"
          + " t.insertedAt, t.insertedBy, t.insertedHost, t.timeoutSeconds,"
          + " t.catchUpGraceMinutes) FROM Task t";

  public static TaskRow of(Task task) {
    return new TaskRow(
        task.getId(),
        task.getEnable(),
        task.getRunBy(),
        task.getScriptName(),
        task.getScriptFolder(),
        task.getEvery(),
        task.getAtTime(),
        task.getRessource(),
        task.getToRunAsap(),
        task.getComment(),
        task.getRunHost(),
        task.getInsertedAt(),
        task.getInsertedBy(),
        task.getInsertedHost(),
        task.getTimeoutSeconds(),
        task.getCatchUpGraceMinutes());
  }
}
