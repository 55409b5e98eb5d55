package com.taskscheduler.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.run.Run;
import com.taskscheduler.task.Task;
import com.taskscheduler.task.TaskRepository;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Servers run in their local zone, not UTC like the build machines. Date-times whose wall-clock
 * value does not exist in the JVM's zone (our UTC columns hold 02:00-03:00 on the night Europe
 * skips that hour) are stored, read and compared unchanged: bound through {@code Timestamp.valueOf}
 * they came back an hour later, so claims took the wrong fire times.
 */
class JvmZoneTest {
  private static final Instant IN_BERLINS_GAP = Instant.parse("2025-03-30T02:15:00Z");
  private TimeZone saved;

  @BeforeEach
  void runInBerlin() {
    saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
    org.h2.util.DateTimeUtils.resetCalendar();
  }

  @AfterEach
  void restoreZone() {
    TimeZone.setDefault(saved);
    org.h2.util.DateTimeUtils.resetCalendar();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDateTimeTheJvmZoneSkipsIsStoredReadAndComparedUnchanged(Kind kind) throws Exception {
    try (Database database = Database.open(TestDatabases.fresh(kind), null)) {
      TaskRepository tasks = new TaskRepository(database);
      Task task = new Task();
      task.setEnable(true);
      task.setRunBy("alice");
      task.setRunHost("host");
      task.setScriptName("gap.py");
      task.setEvery("minutes");
      task.setAtTime("15");
      task.setLastFireTime(IN_BERLINS_GAP);
      int id = tasks.insert(task).getId();
      database.inTransaction(
          em -> {
            Run run = new Run();
            run.setTaskId(id);
            run.setStatus(com.taskscheduler.run.RunStatus.RUN);
            run.setFireTime(IN_BERLINS_GAP);
            run.setInsertedAt(LocalDateTime.of(2025, 3, 30, 2, 15));
            em.persist(run);
            return null;
          });

      assertThat(tasks.find(id).orElseThrow().getLastFireTime()).isEqualTo(IN_BERLINS_GAP);
      Run read =
          database.read(
              em ->
                  em.createQuery("SELECT r FROM Run r WHERE r.taskId = :id", Run.class)
                      .setParameter("id", id)
                      .getSingleResult());
      assertThat(read.getFireTime()).isEqualTo(IN_BERLINS_GAP);
      assertThat(read.getInsertedAt()).isEqualTo(LocalDateTime.of(2025, 3, 30, 2, 15));
      // A claim's conditional update compares the stored value with the one it read.
      int claimed =
          database.inTransaction(
              em ->
                  em.createQuery(
                          "UPDATE Task t SET t.lastFireTime = :next"
                              + " WHERE t.id = :id AND t.lastFireTime = :previous")
                      .setParameter("next", Timestamps.toUtc(IN_BERLINS_GAP.plusSeconds(900)))
                      .setParameter("previous", Timestamps.toUtc(IN_BERLINS_GAP))
                      .setParameter("id", id)
                      .executeUpdate());
      assertThat(claimed).isEqualTo(1);
      assertThat(tasks.find(id).orElseThrow().getLastFireTime())
          .isEqualTo(IN_BERLINS_GAP.plusSeconds(900));
    }
  }
}
