package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.run.Run;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two schedulers of one identity on one PostgreSQL database never launch a fire twice. */
class ClaimRaceTest {
  @TempDir Path home;

  @Test
  void twoEnginesRacingOverAThousandDueFiresLaunchEachExactlyOnce() throws Exception {
    DataSource dataSource = TestDatabases.fresh(Kind.POSTGRESQL);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Fixture a = new Fixture(dataSource, home, Map.of());
        Fixture b = new Fixture(dataSource, home, Map.of())) {
      int tasks = 50;
      int rounds = 20;
      Engine[] engines = racing(a, b, tasks);
      Engine first = engines[0];
      Engine second = engines[1];
      CyclicBarrier barrier = new CyclicBarrier(2);
      for (int round = 0; round < rounds; round++) {
        bothPass(pool, barrier, first, second);
        a.clock.advance(Duration.ofMinutes(1));
        b.clock.advance(Duration.ofMinutes(1));
      }
      assertThat(launchesOf(a, b)).hasSize(tasks * rounds);
      List<Run> rows = a.runs();
      assertThat(rows).hasSize(tasks * rounds).allMatch(r -> r.getStatus().equals("Run"));
      // Both won some: this was a race, not one engine doing all the work.
      assertThat(a.launcher.launches()).isNotEmpty();
      assertThat(b.launcher.launches()).isNotEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoEnginesClaimingTheSameFiresAheadLaunchEachExactlyOnceAtItsInstant() throws Exception {
    DataSource dataSource = TestDatabases.fresh(Kind.POSTGRESQL);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Fixture a = new Fixture(dataSource, home, Map.of());
        Fixture b = new Fixture(dataSource, home, Map.of())) {
      int tasks = 50;
      int rounds = 10;
      Engine[] engines = racing(a, b, tasks);
      Engine first = engines[0];
      Engine second = engines[1];
      CyclicBarrier barrier = new CyclicBarrier(2);
      for (int round = 0; round < rounds; round++) {
        // At the instant (round 0: the first fires, at once), then 50 ms before the next one,
        // where both claim ahead and nothing may start yet.
        for (Duration step : List.of(Duration.ofMillis(59_950), Duration.ofMillis(50))) {
          bothPass(pool, barrier, first, second);
          assertThat(launchesOf(a, b)).as("round %d", round).hasSize(tasks * (round + 1));
          a.clock.advance(step);
          b.clock.advance(step);
        }
      }
      bothPass(pool, barrier, first, second);
      // Round 0 fires at once (never fired); every later fire was claimed ahead.
      assertThat(launchesOf(a, b)).hasSize(tasks * (rounds + 1));
      assertThat(a.runs()).hasSize(tasks * (rounds + 1));
      assertThat(a.launcher.launches()).isNotEmpty();
      assertThat(b.launcher.launches()).isNotEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The tasks, once in the shared database, and one ready engine per fixture, their sessions a
   * microsecond apart so their passes see the same millisecond.
   */
  private static Engine[] racing(Fixture a, Fixture b, int tasks) {
    for (int i = 0; i < tasks; i++) {
      a.add("task" + i + ".py", "minutes", "1");
    }
    b.clock.advance(Duration.ofNanos(1000));
    return new Engine[] {a.readySession().engine(), b.readySession().engine()};
  }

  /** One pass of each engine, started together. */
  private static void bothPass(
      ExecutorService pool, CyclicBarrier barrier, Engine first, Engine second) throws Exception {
    Future<?> x = pool.submit(() -> race(barrier, first));
    Future<?> y = pool.submit(() -> race(barrier, second));
    x.get();
    y.get();
  }

  /** Every launch of both schedulers, after checking that no fire was launched twice. */
  private static List<RecordingLauncher.Launch> launchesOf(Fixture a, Fixture b) {
    List<RecordingLauncher.Launch> all = new ArrayList<>(a.launcher.launches());
    all.addAll(b.launcher.launches());
    Set<String> fires = new HashSet<>();
    for (RecordingLauncher.Launch launch : all) {
      assertThat(fires.add(launch.taskId() + "@" + launch.fireTime()))
          .as("launched twice: task %d at %s", launch.taskId(), launch.fireTime())
          .isTrue();
    }
    return all;
  }

  private static Void race(CyclicBarrier barrier, Engine engine) throws Exception {
    barrier.await();
    engine.runOnce();
    return null;
  }
}
