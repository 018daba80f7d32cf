package io.cachelet.store.resilient;

import java.time.Duration;

/**
 * What a {@link ResilientStore} counted since it was created.
 *
 * @param hits keys {@code get}/{@code getAll} found
 * @param misses keys {@code get}/{@code getAll} asked for and the backend did not have; reads that
 *     failed or were short-circuited are counted under {@code errors} and {@code shortCircuited}
 *     instead
 * @param errors calls that failed, for any reason, and were answered with a miss or dropped
 * @param shortCircuited calls not made because the circuit breaker was open
 * @param calls calls that reached the backend, failed or not
 * @param totalLatency the time those calls took, summed
 * @param maxLatency the longest of those calls
 */
public record StoreStats(
    long hits,
    long misses,
    long errors,
    long shortCircuited,
    long calls,
    Duration totalLatency,
    Duration maxLatency) {

  /** The mean time of a call that reached the backend; zero before the first one. */
  public Duration meanLatency() {
    return calls == 0 ? Duration.ZERO : totalLatency.dividedBy(calls);
  }
}
