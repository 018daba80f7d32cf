package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachelet.store.CacheStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Callers writing and reading through a store while its Redis fails over: counts what they saw and
 * measures how long until a key round-trips again.
 */
final class FailoverLoad implements AutoCloseable {

  /** Consecutive round trips that count as "recovered". */
  private static final int STREAK = 20;

  private static final Duration VALUE_TTL = Duration.ofMinutes(1);

  private final CacheStore store;
  private final ExecutorService callers;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();
  private final LongAdder calls = new LongAdder();
  private final LongAdder degraded = new LongAdder();

  private FailoverLoad(CacheStore store, List<String> keys, int threads) {
    this.store = store;
    this.callers = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      int offset = t;
      callers.execute(
          () -> {
            long i = offset;
            while (running.get()) {
              String key = keys.get((int) (i++ % keys.size()));
              try {
                if (!roundTrip(key, "v" + i)) {
                  degraded.increment();
                  // a caller served a miss goes on with its request; it does not spin on the cache
                  Thread.sleep(1);
                }
              } catch (Throwable e) {
                thrown.add(e);
              }
              calls.increment();
            }
          });
    }
  }

  /** Starts {@code threads} callers cycling over {@code keys}. */
  static FailoverLoad start(CacheStore store, List<String> keys, int threads) {
    return new FailoverLoad(store, keys, threads);
  }

  /** Writes {@code value} under {@code key} and reads it back; whether it came back. */
  private boolean roundTrip(String key, String value) {
    byte[] bytes = value.getBytes(UTF_8);
    store.put(key, bytes, VALUE_TTL);
    return Arrays.equals(store.get(key), bytes);
  }

  /**
   * Runs {@code failure}, then returns how long until {@code probeKey} round-tripped {@value
   * #STREAK} times in a row (measured to the first of them).
   *
   * @throws AssertionError when that takes longer than {@code patience}
   */
  Duration failAndAwaitRecovery(String probeKey, Runnable failure, Duration patience)
      throws InterruptedException {
    long start = System.nanoTime();
    failure.run();
    int streak = 0;
    long streakStart = 0;
    long n = 0;
    while (System.nanoTime() - start < patience.toNanos()) {
      boolean ok;
      try {
        ok = roundTrip(probeKey, "probe" + n++);
      } catch (RuntimeException e) {
        thrown.add(e);
        ok = false;
      }
      if (ok) {
        if (streak++ == 0) {
          streakStart = System.nanoTime();
        }
        if (streak == STREAK) {
          return Duration.ofNanos(streakStart - start);
        }
      } else {
        streak = 0;
        Thread.sleep(5);
      }
    }
    throw new AssertionError("No recovery within " + patience);
  }

  /** Exceptions callers saw; a resilient store lets none through. */
  List<Throwable> thrown() {
    return List.copyOf(thrown);
  }

  long calls() {
    return calls.sum();
  }

  /** Round trips that did not come back (a miss or a dropped write). */
  long degraded() {
    return degraded.sum();
  }

  @Override
  public void close() {
    running.set(false);
    callers.shutdown();
    try {
      if (!callers.awaitTermination(10, TimeUnit.SECONDS)) {
        callers.shutdownNow();
      }
    } catch (InterruptedException e) {
      callers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
