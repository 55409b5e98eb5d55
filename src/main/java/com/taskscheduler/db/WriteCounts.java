package com.taskscheduler.db;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Counts the writes made through one EntityManagerFactory, per entity class, so that a reader can
 * tell cheaply whether a table it copied has changed since. Every INSERT, UPDATE or DELETE that JPA
 * runs (entity writes and JPQL bulk updates alike) counts when it runs and again when its
 * transaction ends: a reader that noted the count before its query and sees the same count later
 * cannot hold a copy older than a committed write. A modifying statement without an entity (native
 * SQL) counts as a write of every class.
 */
final class WriteCounts extends SessionEventAdapter {
  /** Stands for "a table not known" in a transaction's set. */
  private static final Class<?> UNKNOWN = void.class;

  private final ConcurrentHashMap<Class<?>, AtomicLong> perClass = new ConcurrentHashMap<>();
  private final AtomicLong unknown = new AtomicLong();

  /** The classes written by the transaction running on this thread; removed when it ends. */
  private final ThreadLocal<Set<Class<?>>> pending = new ThreadLocal<>();

  long count(Class<?> entity) {
    AtomicLong count = perClass.get(entity);
    return unknown.get() + (count == null ? 0 : count.get());
  }

  @Override
  public void postExecuteQuery(SessionEvent event) {
    DatabaseQuery query = event.getQuery();
    if (query == null || !(query.isModifyQuery() || query.isModifyAllQuery())) {
      return;
    }
    Class<?> entity = query.getReferenceClass() == null ? UNKNOWN : query.getReferenceClass();
    bump(entity);
    Set<Class<?>> written = pending.get();
    if (written == null) {
      written = new HashSet<>();
      pending.set(written);
    }
    written.add(entity);
  }

  /** Called by {@link Database#inTransaction} after its commit or rollback, on the same thread. */
  void transactionEnded() {
    Set<Class<?>> written = pending.get();
    if (written != null) {
      pending.remove();
      written.forEach(this::bump);
    }
  }

  private void bump(Class<?> entity) {
    if (entity == UNKNOWN) {
      unknown.incrementAndGet();
    } else {
      perClass.computeIfAbsent(entity, c -> new AtomicLong()).incrementAndGet();
    }
  }
}
