package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.taskscheduler.scheduler.SchedulerControl.Event;
import com.taskscheduler.scheduler.SchedulerControl.RunNowOutcome;
import com.taskscheduler.task.Task;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler with its real threads: start, stop, run now, database outages. */
class SchedulerLifecycleTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  @TempDir Path home;

  private Fixture fixture() throws Exception {
    return new Fixture(Kind.H2, home, Map.of("TASK_SCHEDULER_POLL_SECONDS", "1"));
  }

  static List<Thread> ourThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("task-scheduler-"))
        .toList();
  }

  @Test
  void startStopAndStartAgainWorkAndLeaveNoThreadBehind() throws Exception {
    try (Fixture f = fixture()) {
      Task task = f.add("job.py", "seconds", "30");
      List<Event> events = new CopyOnWriteArrayList<>();
      f.scheduler.subscribe(events::add);

      f.scheduler.start();
      await().atMost(BOUND).until(() -> f.launcher.launches().size() == 1);
      String first = f.scheduler.status().sessionId();
      assertThat(f.scheduler.status().running()).isTrue();
      assertThat(f.scheduler.status().standby()).isFalse();
      f.scheduler.start(); // no effect while running
      assertThat(f.scheduler.status().sessionId()).isEqualTo(first);

      f.scheduler.stop();
      assertThat(f.scheduler.status().running()).isFalse();
      assertThat(f.launcher.stopAlls()).containsExactly(f.config.shutdownGrace());
      assertThat(ourThreads()).isEmpty();
      f.scheduler.stop(); // no effect while stopped

      f.clock.advance(Duration.ofSeconds(30));
      f.scheduler.start();
      await().atMost(BOUND).until(() -> f.launcher.launches().size() == 2);
      assertThat(f.scheduler.status().sessionId()).isNotEqualTo(first);
      assertThat(f.launcher.launches().get(1).session()).isNotEqualTo(first);
      assertThat(f.launcher.launches().get(1).taskId()).isEqualTo(task.getId());
      f.scheduler.stop();
      assertThat(ourThreads()).isEmpty();
      assertThat(events)
          .filteredOn(e -> e instanceof Event.StatusChanged)
          .extracting(e -> ((Event.StatusChanged) e).status().running())
          .contains(true, false);
    }
  }

  @Test
  void stoppingLetsAHeartbeatInProgressFinishInsteadOfInterruptingIt() throws Exception {
    try (Fixture f = fixture()) {
      // The first beat tells subscribers the status on the heartbeat thread: hold it there.
      CountDownLatch inBeat = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean interrupted = new AtomicBoolean();
      f.scheduler.subscribe(
          e -> {
            if (Thread.currentThread().getName().startsWith("task-scheduler-heartbeat")
                && inBeat.getCount() > 0) {
              inBeat.countDown();
              try {
                release.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException ex) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
              }
            }
          });
      f.scheduler.start();
      assertThat(inBeat.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      Session session = f.scheduler.session();

      Thread stopper = new Thread(f.scheduler::stop, "test-stopper");
      stopper.start();
      await().atMost(BOUND).until(() -> session.heartbeatStopping() || interrupted.get());
      release.countDown();
      stopper.join(BOUND.toMillis());

      assertThat(interrupted).as("the beat in progress was interrupted").isFalse();
      assertThat(stopper.isAlive()).isFalse();
      assertThat(f.scheduler.status().running()).isFalse();
      assertThat(ourThreads()).isEmpty();
    }
  }

  @Test
  void theLoopSleepsUntilTheNextFireAndWakesWhenTasksChange() throws Exception {
    try (Fixture f = fixture()) {
      f.scheduler.start();
      await().atMost(BOUND).until(() -> f.scheduler.session().mayLaunch());
      Task task = f.add("new.py", "minutes", "5");
      f.scheduler.tasksChanged();
      await().atMost(BOUND).until(() -> f.launcher.launches().size() == 1);
      assertThat(f.launcher.launches().get(0).taskId()).isEqualTo(task.getId());
      f.scheduler.stop();
    }
  }

  @Test
  void theLoopThreadSurvivesADatabaseOutageAndFiresAgainAfterIt() throws Exception {
    try (Fixture f = fixture()) {
      f.add("job.py", "seconds", "10");
      f.scheduler.start();
      await().atMost(BOUND).until(() -> f.launcher.launches().size() == 1);
      Thread loop = f.scheduler.session().loop().thread();

      f.dataSource.down(true);
      f.clock.advance(Duration.ofSeconds(10));
      f.scheduler.tasksChanged();
      // Noticed at the next pass: no query retries hold the loop (db.SessionSettings).
      await().atMost(Duration.ofSeconds(3)).until(() -> f.scheduler.session().loop().inOutage());
      f.clock.advance(Duration.ofSeconds(10));
      f.scheduler.tasksChanged();
      assertThat(loop.isAlive()).isTrue();

      f.dataSource.down(false);
      // Back within two polls (1 s each here) without being woken.
      await().atMost(Duration.ofSeconds(3)).until(() -> !f.scheduler.session().loop().inOutage());
      await().atMost(BOUND).until(() -> f.launcher.launches().size() == 2);
      assertThat(f.scheduler.session().loop().thread()).isSameAs(loop);
      assertThat(loop.isAlive()).isTrue();
      long outageWarnings =
          f.scheduler.recentLog(500).stream()
              .filter(l -> l.message().startsWith("Scheduling pass failed"))
              .count();
      assertThat(outageWarnings).isEqualTo(1);
      assertThat(f.scheduler.recentLog(500))
          .anySatisfy(l -> assertThat(l.message()).contains("scheduling resumed"));
      f.scheduler.stop();
      assertThat(loop.isAlive()).isFalse();
    }
  }

  @Test
  void runNowStartsAtOnceWhenThisProcessOwnsTheTaskAndFlagsAsapOtherwise() throws Exception {
    try (Fixture f = fixture()) {
      Task ours = f.add("daily.py", "day", "23:00");
      Task theirs = Fixture.task("other.py", "day", "23:00");
      theirs.setRunHost("other-host");
      theirs = f.tasks.insert(theirs);
      Task disabled = Fixture.task("off.py", "day", "23:00");
      disabled.setEnable(false);
      disabled = f.tasks.insert(disabled);

      // Stopped: the owning scheduler (whichever runs) gets the ASAP flag.
      assertThat(f.scheduler.runNow(ours.getId())).isEqualTo(RunNowOutcome.FLAGGED_ASAP);
      assertThat(f.reload(ours).isAsapRequested()).isTrue();
      f.update(ours.getId(), t -> t.setToRunAsap(false));

      f.scheduler.start();
      await().atMost(BOUND).until(() -> f.scheduler.session().mayLaunch());
      assertThat(f.scheduler.runNow(ours.getId())).isEqualTo(RunNowOutcome.STARTED);
      assertThat(f.launcher.launches())
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.trigger()).isEqualTo("manual");
                assertThat(l.fireTime()).isEqualTo(f.clock.instant());
              });
      f.launcher.running(ours.getId(), true);
      assertThat(f.scheduler.runNow(ours.getId())).isEqualTo(RunNowOutcome.ALREADY_RUNNING);
      assertThat(f.scheduler.runNow(theirs.getId())).isEqualTo(RunNowOutcome.FLAGGED_ASAP);
      assertThat(f.reload(theirs).isAsapRequested()).isTrue();
      int disabledId = disabled.getId();
      assertThatThrownBy(() -> f.scheduler.runNow(disabledId))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> f.scheduler.runNow(9999)).isInstanceOf(NoSuchElementException.class);
      assertThat(f.launcher.launches()).hasSize(1);
      f.scheduler.stop();
    }
  }
}
