package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpawnerTest {

  @Test
  void everyItemIsHandledOnceAndTheBurstIsSpreadOverSeveralThreads() {
    Spawner spawner = new Spawner(2);
    List<Integer> items = IntStream.range(0, 100).boxed().toList();
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    // Both threads must be inside at once before anyone goes on: proves they run side by side.
    CountDownLatch together = new CountDownLatch(2);
    spawner.runAll(
        items,
        i -> {
          together.countDown();
          await(together);
          assertThat(seen.add(i)).isTrue();
          threads.add(Thread.currentThread().getName());
        });
    assertThat(seen).hasSize(100);
    assertThat(threads).hasSize(2).anyMatch(n -> n.startsWith(Spawner.THREAD_NAME));
  }

  @Test
  void aSingleItemRunsOnTheCallersThreadWithoutStartingAnyOther() {
    Spawner spawner = new Spawner(4);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    spawner.runAll(List.of(1), i -> threads.add(Thread.currentThread().getName()));
    assertThat(threads).containsExactly(Thread.currentThread().getName());
    assertThat(spawnThreads()).isEmpty();
  }

  @Test
  void aFailureReachesTheCallerAfterEveryOtherItemWasStillHandled() {
    Spawner spawner = new Spawner(2);
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    assertThatThrownBy(
            () ->
                spawner.runAll(
                    IntStream.range(0, 10).boxed().toList(),
                    i -> {
                      if (i == 3) {
                        throw new IllegalStateException("boom " + i);
                      }
                      seen.add(i);
                    }))
        .hasMessageContaining("boom 3");
    assertThat(seen).hasSize(9).doesNotContain(3);
  }

  @Test
  void noSpawnThreadOutlivesItsBurst() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    // All three threads hold an item at once, so the helpers certainly ran.
    CountDownLatch together = new CountDownLatch(3);
    new Spawner(3)
        .runAll(
            IntStream.range(0, 30).boxed().toList(),
            i -> {
              together.countDown();
              await(together);
              threads.add(Thread.currentThread().getName());
            });
    assertThat(threads).hasSize(3).anyMatch(n -> n.startsWith(Spawner.THREAD_NAME));
    assertThat(spawnThreads()).isEmpty();
  }

  private static List<Thread> spawnThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(Spawner.THREAD_NAME) && t.isAlive())
        .toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
