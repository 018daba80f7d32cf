package io.cachelet.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one piece of work per key at a time within this JVM: the first caller for a key (the leader)
 * runs it, callers arriving while it runs wait for its result instead of running it again. The lock
 * is per key, never per cache, and the wait is bounded: a waiter that has waited {@code wait} runs
 * the work itself, so a hung leader can't hang everyone.
 *
 * <p>A leader's failure is handed to the callers waiting on it, so that a failing origin gets one
 * call, not one per caller. Thread-safe.
 *
 * @param <V> the result type
 */
public final class SingleFlight<V> {

  private final ConcurrentMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder timedOut = new LongAdder();

  /**
   * The result of {@code work} for {@code key}: run here, or taken from a concurrent run.
   *
   * @throws Exception what {@code work} threw, here or in the leader's thread
   */
  public V run(String key, Duration wait, Callable<? extends V> work) throws Exception {
    Objects.requireNonNull(key, "key");
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> leader = inFlight.putIfAbsent(key, mine);
    if (leader == null) {
      return lead(key, mine, work);
    }
    coalesced.increment();
    try {
      return leader.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      timedOut.increment();
      return work.call();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return work.call();
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  private V lead(String key, CompletableFuture<V> mine, Callable<? extends V> work)
      throws Exception {
    try {
      V value = work.call();
      mine.complete(value);
      return value;
    } catch (Throwable t) {
      mine.completeExceptionally(t);
      throw t;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /**
   * Hands {@code value} to the callers waiting on the run for {@code key} now, before the leader's
   * work returns, and lets later callers start a run of their own: for a leader that learns part
   * way through that its result is of no use to anyone else (an HTTP response too large to store
   * that is still streaming). Meant for the leader, from its work; from anyone else it only ends
   * that wait early, which costs the waiters a run of their own and nothing more.
   */
  public void release(String key, V value) {
    CompletableFuture<V> flight = inFlight.remove(key);
    if (flight != null) {
      flight.complete(value);
    }
  }

  private static Exception rethrowable(Throwable cause) {
    if (cause instanceof Error error) {
      throw error;
    }
    return (Exception) cause;
  }

  /** How many callers waited for another caller's run. */
  public long coalesced() {
    return coalesced.sum();
  }

  /** How many waiters gave up waiting and ran the work themselves. */
  public long timedOut() {
    return timedOut.sum();
  }

  /** Whether work for {@code key} is running right now. */
  public boolean isRunning(String key) {
    return inFlight.containsKey(key);
  }

  /** How many keys are being worked on right now. */
  public int inFlight() {
    return inFlight.size();
  }
}
