package com.taskscheduler.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.run.Run;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import com.taskscheduler.task.TaskRow;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The write count that tells a task list whether tasks changed through this application. */
class WriteCountTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyKindOfTaskWriteGrowsTheCountAndReadsLeaveItAlone(Kind kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      TaskRepository tasks = new TaskRepository(db);
      long start = tasks.writeCount();

      int id = tasks.insert(task("a.py")).getId();
      long afterInsert = tasks.writeCount();
      assertThat(afterInsert).isGreaterThan(start);

      tasks.forIdentity("alice", "host-1");
      tasks.rowsForIdentity("alice", "host-1");
      tasks.allRows();
      tasks.find(id);
      tasks.count();
      assertThat(tasks.writeCount()).as("reads").isEqualTo(afterInsert);

      tasks.update(id, t -> t);
      assertThat(tasks.writeCount()).as("an update that changes nothing").isEqualTo(afterInsert);

      tasks.update(
          id,
          t -> {
            t.setComment("edited");
            return t;
          });
      long afterUpdate = tasks.writeCount();
      assertThat(afterUpdate).isGreaterThan(afterInsert);

      // How the scheduler flags and clears Run ASAP and moves anchors: JPQL bulk updates.
      db.inTransaction(
          em ->
              em.createQuery("UPDATE Task t SET t.toRunAsap = true WHERE t.id = :id")
                  .setParameter("id", id)
                  .executeUpdate());
      long afterBulk = tasks.writeCount();
      assertThat(afterBulk).isGreaterThan(afterUpdate);

      tasks.delete(id);
      assertThat(tasks.writeCount()).isGreaterThan(afterBulk);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void writesOfOtherTablesDoNotCountForTasksButNativeStatementsCountForEveryTable(Kind kind)
      throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      TaskRepository tasks = new TaskRepository(db);
      long start = tasks.writeCount();
      db.inTransaction(
          em -> em.createQuery("UPDATE Run r SET r.reason = 'x' WHERE r.id = -1").executeUpdate());
      assertThat(tasks.writeCount()).isEqualTo(start);
      assertThat(db.writeCount(Run.class)).isGreaterThan(0);

      db.inTransaction(
          em ->
              em.createNativeQuery("UPDATE Task_Scheduler SET Comment = 'x' WHERE ID = -1")
                  .executeUpdate());
      assertThat(tasks.writeCount()).isGreaterThan(start);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFailedTransactionStillCountsSoNoListKeepsAStaleCopy(Kind kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      TaskRepository tasks = new TaskRepository(db);
      long start = tasks.writeCount();
      try {
        db.inTransaction(
            em -> {
              em.createQuery("UPDATE Task t SET t.comment = 'x'").executeUpdate();
              throw new IllegalStateException("rolled back");
            });
      } catch (IllegalStateException expected) {
        // the rollback is the point
      }
      assertThat(tasks.writeCount()).isGreaterThan(start);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void listRowsCarryTheSameValuesAsTheEntities(Kind kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      TaskRepository tasks = new TaskRepository(db);
      Task full = task("b.py");
      full.setRessource("big-box");
      full.setComment("ünïcödé <b>");
      full.setTimeoutSeconds(60);
      full.setCatchUpGraceMinutes(5);
      tasks.insert(full);
      Task sparse = new Task();
      sparse.setRunBy("ALICE");
      sparse.setRunHost("Host-1");
      sparse.setScriptName("c.py");
      tasks.insert(sparse);
      Task other = task("d.py");
      other.setRunHost("host-2");
      tasks.insert(other);

      List<TaskRow> rows = tasks.rowsForIdentity("Alice", "HOST-1");
      assertThat(rows)
          .containsExactlyElementsOf(
              tasks.forIdentity("Alice", "HOST-1").stream().map(TaskRow::of).toList())
          .hasSize(2);
      assertThat(tasks.allRows())
          .containsExactlyElementsOf(tasks.all().stream().map(TaskRow::of).toList())
          .hasSize(3);
    }
  }

  private static Task task(String script) {
    Task task = new Task();
    task.setEnable(true);
    task.setRunBy("alice");
    task.setRunHost("host-1");
    task.setScriptName(script);
    task.setScriptFolder("jobs");
    task.setEvery("day");
    task.setAtTime("07:45");
    task.setToRunAsap(false);
    task.setInsertedAt(LocalDateTime.of(2025, 10, 1, 9, 12, 44));
    task.setInsertedBy("Alice");
    task.setInsertedHost("host-1");
    return task;
  }
}
