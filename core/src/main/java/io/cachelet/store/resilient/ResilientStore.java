package io.cachelet.store.resilient;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.ForwardingStore;
import io.cachelet.store.ScanPage;
import io.cachelet.store.StoreBusyException;
import io.cachelet.store.StoreException;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.StoreHealth.BreakerState;
import io.cachelet.store.StoreHealth.Status;
import io.cachelet.store.StoreStateListener;
import io.cachelet.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store that never fails its callers: every call to the wrapped store is guarded, a read that
 * fails is a miss ({@code null}, an empty map, set or {@code Optional}, {@code false}, {@code 0}),
 * a write that fails is dropped. Only programmer errors ({@link IllegalArgumentException}, {@link
 * NullPointerException}) pass through, and {@link #ping()}, whose contract is to report failure: it
 * goes to the backend past the breaker, bounded by the backend's own timeouts.
 *
 * <p>A circuit breaker stops calling a backend that is down: after {@link
 * CacheletConfig#breakerFailures()} consecutive {@link StoreUnavailableException}s it opens, and
 * calls return at once without I/O for {@link CacheletConfig#breakerOpenDuration()}; then one call
 * probes the backend, and its outcome closes the breaker or opens it again. Other {@link
 * StoreException}s (a wrong type under a key) are counted as errors but do not trip it: the backend
 * answered. Failures are counted ({@link #stats()}), visible in {@link #health()} and logged once
 * per outage, never once per call. Thread-safe.
 *
 * <p>Reads and writes that fail are not retried: for a cache, the next call is the retry.
 */
public final class ResilientStore extends ForwardingStore {

  /** What a failed or short-circuited read answers internally, told apart by identity. */
  private static final byte[] NOT_READ = new byte[0];

  private static final Map<String, byte[]> NOT_READ_ALL =
      Collections.unmodifiableMap(new HashMap<>());

  private final Breaker breaker;
  private final Duration slowThreshold;
  private final StoreCounters counters = new StoreCounters();

  private ResilientStore(CacheStore delegate, CacheletConfig config, Clock clock) {
    super(delegate);
    this.breaker = new Breaker(delegate.backend(), config, clock);
    this.slowThreshold = config.healthSlowThreshold();
  }

  /** {@code store} behind a circuit breaker set up from {@code config}, on the system clock. */
  public static ResilientStore wrap(CacheStore store, CacheletConfig config) {
    return wrap(store, config, Clock.systemUTC());
  }

  /**
   * As {@link #wrap(CacheStore, CacheletConfig)}, with the clock the breaker's open time runs on.
   */
  public static ResilientStore wrap(CacheStore store, CacheletConfig config, Clock clock) {
    return new ResilientStore(
        Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(clock, "clock"));
  }

  /** What was counted so far. */
  public StoreStats stats() {
    return counters.snapshot();
  }

  /** Tells {@code listener} when the breaker opens (down) and closes again (recovered). */
  @Override
  public void addStateListener(StoreStateListener listener) {
    breaker.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /** Errors and short-circuited calls: every call answered from a fallback. */
  @Override
  public long failures() {
    return counters.errors.sum() + counters.shortCircuited.sum();
  }

  /** The circuit breaker's state right now. */
  @Override
  public BreakerState breakerState() {
    return breaker.state();
  }

  /**
   * Runs {@code call} on the backend unless the breaker is open; answers {@code fallback} when it
   * is or when the call fails.
   */
  private <T> T guard(Supplier<T> call, T fallback) {
    if (!breaker.tryAcquire()) {
      counters.shortCircuited.increment();
      return fallback;
    }
    long start = System.nanoTime();
    try {
      T result = call.get();
      long nanos = System.nanoTime() - start;
      counters.recordCall(nanos);
      breaker.onAnswer(nanos);
      return result;
    } catch (IllegalArgumentException | NullPointerException e) {
      // the caller's mistake, found before the backend was asked: not the backend's health
      breaker.release();
      throw e;
    } catch (StoreBusyException e) {
      // no connection was free: a burst says nothing about the backend's health either way
      counters.recordCall(System.nanoTime() - start);
      counters.errors.increment();
      breaker.release();
    } catch (StoreUnavailableException e) {
      failed(start, e, true);
    } catch (StoreException e) {
      failed(start, e, false);
    } catch (RuntimeException e) {
      // an adapter failing in a way it did not classify: assume the backend is the problem
      failed(start, e, true);
    }
    return fallback;
  }

  private void failed(long start, RuntimeException e, boolean unavailable) {
    long nanos = System.nanoTime() - start;
    counters.recordCall(nanos);
    counters.errors.increment();
    if (unavailable) {
      breaker.onUnavailable(nanos, e);
    } else {
      breaker.noteError(e);
      breaker.onAnswer(nanos);
    }
  }

  private void run(Runnable call) {
    guard(
        () -> {
          call.run();
          return null;
        },
        null);
  }

  @Override
  public byte[] get(String key) {
    Objects.requireNonNull(key, "key");
    byte[] value = guard(() -> delegate.get(key), NOT_READ);
    if (value == NOT_READ) {
      return null;
    }
    (value == null ? counters.misses : counters.hits).increment();
    return value;
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    Objects.requireNonNull(keys, "keys");
    Map<String, byte[]> found = guard(() -> delegate.getAll(keys), NOT_READ_ALL);
    if (found == NOT_READ_ALL) {
      return Map.of();
    }
    counters.hits.add(found.size());
    counters.misses.add(Math.max(0, Set.copyOf(keys).size() - found.size()));
    return found;
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    run(() -> delegate.put(key, value, ttl));
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    run(() -> delegate.putAll(entries, ttl));
  }

  /** {@code false} when the backend fails: a lock that can't be taken is not held. */
  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    return guard(() -> delegate.putIfAbsent(key, value, ttl), false);
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    return guard(() -> delegate.deleteIfEquals(key, expected), false);
  }

  @Override
  public boolean delete(String key) {
    return guard(() -> delegate.delete(key), false);
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    return guard(() -> delegate.deleteAll(keys), 0L);
  }

  @Override
  public boolean exists(String key) {
    return guard(() -> delegate.exists(key), false);
  }

  @Override
  public boolean expire(String key, Duration ttl) {
    return guard(() -> delegate.expire(key, ttl), false);
  }

  @Override
  public Optional<Duration> ttl(String key) {
    return guard(() -> delegate.ttl(key), Optional.empty());
  }

  /** {@code 0} when the backend fails, so a caller can't tell a failure from a zero count. */
  @Override
  public long increment(String key, long delta) {
    return guard(() -> delegate.increment(key, delta), 0L);
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    run(() -> delegate.addToSet(key, members, ttl));
  }

  @Override
  public Set<String> setMembers(String key) {
    return guard(() -> delegate.setMembers(key), Set.of());
  }

  @Override
  public long clear(String pattern) {
    return guard(() -> delegate.clear(pattern), 0L);
  }

  /** The last, empty page when the backend fails. */
  @Override
  public ScanPage scan(String pattern, String cursor, int count) {
    return guard(
        () -> delegate.scan(pattern, cursor, count), new ScanPage(List.of(), ScanPage.START));
  }

  /**
   * One ping past the breaker: DOWN when it fails; DEGRADED when the breaker is not closed or the
   * ping took longer than {@link CacheletConfig#healthSlowThreshold()}; UP otherwise.
   */
  @Override
  public StoreHealth health() {
    BreakerState state = breaker.state();
    Optional<Duration> latency;
    Status status;
    String error = breaker.lastError();
    try {
      Duration took = delegate.ping();
      latency = Optional.of(took);
      boolean slow = took.compareTo(slowThreshold) > 0;
      status = state == BreakerState.CLOSED && !slow ? Status.UP : Status.DEGRADED;
    } catch (RuntimeException e) {
      latency = Optional.empty();
      status = Status.DOWN;
      error = String.valueOf(e.getMessage());
    }
    return new StoreHealth(
        status, delegate.backend(), latency, state, poolStats(), Optional.ofNullable(error));
  }
}
