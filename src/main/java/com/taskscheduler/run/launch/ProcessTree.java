package com.taskscheduler.run.launch;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's process and everything it started. Descendants are sampled while the run is alive because
 * once a parent dies its children are re-parented to init and no longer show up under the root: a
 * grandchild started by a short-lived child would otherwise escape the kill.
 */
final class ProcessTree {

  private static final int FORCE_PASSES = 3;

  private final ProcessHandle root;
  private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

  ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** Remembers the current descendants; called periodically while the run is alive. */
  void sample() {
    if (root.isAlive()) {
      root.descendants().forEach(seen::add);
    }
    seen.removeIf(h -> !h.isAlive());
  }

  /**
   * Root, every descendant seen so far and the current descendants of all of them. Taken before
   * anything is killed, because killing a parent hides its children.
   */
  Set<ProcessHandle> snapshot() {
    Set<ProcessHandle> known = new LinkedHashSet<>();
    known.add(root);
    known.addAll(seen);
    Set<ProcessHandle> all = new LinkedHashSet<>(known);
    for (ProcessHandle h : known) {
      if (h.isAlive()) {
        h.descendants().forEach(all::add);
      }
    }
    return all;
  }

  /** Asks every process of the tree to end (SIGTERM on Unix). Returns what it asked. */
  Set<ProcessHandle> terminate() {
    Set<ProcessHandle> targets = snapshot();
    seen.addAll(targets);
    for (ProcessHandle h : targets) {
      destroy(h, false);
    }
    return targets;
  }

  /**
   * Forcibly kills whatever of {@code targets} and the tree is still alive, re-scanning for
   * processes started meanwhile (a dying parent may have forked once more).
   */
  void forceKill(Set<ProcessHandle> targets) {
    Set<ProcessHandle> candidates = new LinkedHashSet<>(targets);
    candidates.addAll(snapshot());
    for (int pass = 0; pass < FORCE_PASSES; pass++) {
      Set<ProcessHandle> alive = new LinkedHashSet<>();
      for (ProcessHandle h : candidates) {
        if (h.isAlive()) {
          alive.add(h);
          h.descendants().forEach(alive::add);
        }
      }
      if (alive.isEmpty()) {
        return;
      }
      for (ProcessHandle h : alive) {
        destroy(h, true);
      }
      candidates = alive;
    }
  }

  private static void destroy(ProcessHandle h, boolean forcibly) {
    try {
      if (forcibly) {
        h.destroyForcibly();
      } else {
        h.destroy();
      }
    } catch (RuntimeException e) {
      // Not ours to kill (other user) or already gone: nothing better to do.
    }
  }
}
