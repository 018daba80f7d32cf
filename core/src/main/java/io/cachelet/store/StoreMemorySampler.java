package io.cachelet.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a store for its {@linkplain CacheStore#memory() memory figures} on a schedule of its own and
 * keeps the latest, so that gauges and health reports read a field instead of sending {@code INFO}
 * on every scrape. When the store does not answer, the figures become unknown rather than stale: an
 * alert must not keep firing (or stay quiet) on numbers from before an outage. Thread-safe.
 */
public final class StoreMemorySampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StoreMemorySampler.class);

  private final CacheStore store;
  private final StateLog state = new StateLog(LOG, "Reading the store's memory figures (INFO)");
  private final ScheduledExecutorService schedule;
  private volatile Optional<StoreMemory> latest = Optional.empty();

  private StoreMemorySampler(CacheStore store, ScheduledExecutorService schedule) {
    this.store = store;
    this.schedule = schedule;
  }

  /** Samples {@code store} now and then every {@code interval}, on a daemon thread. */
  public static StoreMemorySampler start(CacheStore store, Duration interval) {
    Objects.requireNonNull(store, "store");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    ScheduledExecutorService schedule =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "cachelet-memory-sampler");
              thread.setDaemon(true);
              return thread;
            });
    StoreMemorySampler sampler = new StoreMemorySampler(store, schedule);
    schedule.scheduleWithFixedDelay(sampler::sample, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    return sampler;
  }

  /** The figures of the last sample; empty before the first and after one that failed. */
  public Optional<StoreMemory> latest() {
    return latest;
  }

  private void sample() {
    try {
      latest = store.memory();
      state.ok();
    } catch (RuntimeException e) { // a failure must not end the schedule
      latest = Optional.empty();
      state.failed(e);
    }
  }

  /** Stops sampling; waits for a sample in progress, at most its socket timeout. */
  @Override
  public void close() {
    schedule.shutdownNow();
    try {
      schedule.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
