package io.cachelet.filter;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Stores captured responses on threads of its own, after the request has returned: on a keep-alive
 * connection the client's next request is read only once the filter returns, so store round trips
 * made on the request thread would delay it. Until a write lands, its entry is answered from here,
 * so requests for the same key neither miss nor go to the application again.
 *
 * <p>An invalidation drops every write not yet started, since it may hold what was just
 * invalidated, and waits for the writes already running, so that what it deletes includes them.
 * Bounded: beyond {@value #MAX_WRITES} writes or {@value #MAX_BYTES} bytes waiting, the request
 * thread writes itself, as it would without this class. Thread-safe.
 */
final class WriteBehind implements AutoCloseable {

  static final int MAX_WRITES = 1024;
  static final long MAX_BYTES = 16L << 20;
  private static final int THREADS = 4;

  /** The store's part of one write; true when it landed. */
  interface Write {
    boolean run();
  }

  /** A write waiting or running; {@code landed} completes once it has ended, however it ended. */
  private record Pending(HttpEntry entry, long generation, CompletableFuture<Void> landed) {}

  private final ConcurrentMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();
  private final ThreadPoolExecutor writers;

  /** Held shared by each running write, exclusively (for a moment) by an invalidation. */
  private final ReentrantReadWriteLock running = new ReentrantReadWriteLock();

  WriteBehind() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, "cachelet-filter-writer-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    writers =
        new ThreadPoolExecutor(
            THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    writers.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code write} of {@code entry} under {@code storeKey} on a writer thread, or here when too
   * much is waiting; {@code done} is told whether it landed. Nothing is written (and {@code done}
   * is not told) when an invalidation came after {@link #invalidations()} answered {@code
   * invalidationsBefore}, or comes before the write starts.
   */
  void submit(String storeKey, HttpEntry entry, long invalidationsBefore, Write write, Done done) {
    if (invalidationsBefore != generation.get()) {
      return;
    }
    long bytes = entry.body().length;
    if (pending.size() >= MAX_WRITES || pendingBytes.get() + bytes > MAX_BYTES) {
      running.readLock().lock();
      try {
        if (invalidationsBefore == generation.get()) {
          done.accept(write.run());
        }
      } finally {
        running.readLock().unlock();
      }
      return;
    }
    Pending mine = new Pending(entry, invalidationsBefore, new CompletableFuture<>());
    pending.put(storeKey, mine);
    pendingBytes.addAndGet(bytes);
    try {
      writers.execute(
          () -> {
            running.readLock().lock();
            try {
              if (mine.generation() == generation.get()) {
                done.accept(write.run());
              }
            } finally {
              running.readLock().unlock();
              pending.remove(storeKey, mine);
              pendingBytes.addAndGet(-bytes);
              mine.landed.complete(null);
            }
          });
    } catch (RejectedExecutionException e) {
      // closed: the filter is going away, and an entry not stored is only a later miss
      pending.remove(storeKey, mine);
      pendingBytes.addAndGet(-bytes);
      mine.landed.complete(null);
    }
  }

  /**
   * Runs {@code action} once the write waiting or running under {@code storeKey} has ended (landed,
   * failed or dropped), on the thread that ended it; at once, here, when there is none.
   */
  void afterWrite(String storeKey, Runnable action) {
    Pending waiting = pending.get(storeKey);
    if (waiting == null) {
      action.run();
    } else {
      waiting.landed.whenComplete((done, failure) -> action.run());
    }
  }

  /** How many invalidations were made so far; to be asked before the application answers. */
  long invalidations() {
    return generation.get();
  }

  /** How a write ended. */
  interface Done {
    void accept(boolean stored);
  }

  /** The entry waiting to be written under {@code storeKey}, if one is. */
  Optional<HttpEntry> pending(String storeKey) {
    Pending waiting = pending.get(storeKey);
    return waiting == null || waiting.generation() != generation.get()
        ? Optional.empty()
        : Optional.of(waiting.entry());
  }

  /**
   * Drops every write not yet started (an invalidation may have made them stale) and waits for the
   * ones running to land, so that the invalidation that follows finds them.
   */
  void beforeInvalidation() {
    generation.incrementAndGet();
    running.writeLock().lock();
    running.writeLock().unlock();
  }

  /** Lets the writes already submitted finish for a moment, then stops. */
  @Override
  public void close() {
    writers.shutdown();
    try {
      writers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
