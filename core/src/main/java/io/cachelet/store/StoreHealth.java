package io.cachelet.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store reports about itself for health endpoints.
 *
 * @param status UP, DEGRADED or DOWN
 * @param backend {@code redis} or {@code memory}
 * @param latency the round trip of the ping this report made, empty when it failed
 * @param breaker the circuit breaker's state, {@link BreakerState#NONE} without one
 * @param pool the connection pool's figures
 * @param lastError the last failure's message, empty when there was none
 */
public record StoreHealth(
    Status status,
    String backend,
    Optional<Duration> latency,
    BreakerState breaker,
    PoolStats pool,
    Optional<String> lastError) {

  /** How usable the store is. */
  public enum Status {
    /** Answering, fast enough. */
    UP,
    /** Answering, but slowly, or the breaker is not closed: some calls are served as misses. */
    DEGRADED,
    /** Not answering: every call is served as a miss. */
    DOWN
  }

  /** The state of a store's circuit breaker. */
  public enum BreakerState {
    CLOSED,
    OPEN,
    HALF_OPEN,
    /** The store has no circuit breaker. */
    NONE
  }

  public StoreHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(lastError, "lastError");
  }

  /** Pings {@code store} once and reports UP with the latency, or DOWN with the failure. */
  public static StoreHealth probe(CacheStore store) {
    try {
      Duration latency = store.ping();
      return new StoreHealth(
          Status.UP,
          store.backend(),
          Optional.of(latency),
          BreakerState.NONE,
          store.poolStats(),
          Optional.empty());
    } catch (RuntimeException e) {
      return new StoreHealth(
          Status.DOWN,
          store.backend(),
          Optional.empty(),
          BreakerState.NONE,
          store.poolStats(),
          Optional.of(String.valueOf(e.getMessage())));
    }
  }
}
