package io.cachelet.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How {@link Cache#getOrLoad(String, com.fasterxml.jackson.databind.JavaType, LoadPolicy,
 * java.util.concurrent.Callable)} loads and stores one value.
 *
 * @param ttl how long a stored value is fresh
 * @param jitter up to how much random extra lifetime each entry gets; {@link Duration#ZERO} for
 *     none
 * @param staleTtl how long past {@code ttl} an entry may still be served, while one caller
 *     refreshes it or when the loader fails; {@link Duration#ZERO} for never
 * @param nullTtl how long a {@code null} is cached; empty means a null is not cached at all
 * @param distributedLock whether a miss takes a lease in the store first, so that one instance of a
 *     fleet loads while the others wait for its result
 * @param store whether a loaded value is stored (a veto over the result); a refused value is
 *     returned but not cached
 */
public record LoadPolicy(
    Duration ttl,
    Duration jitter,
    Duration staleTtl,
    Optional<Duration> nullTtl,
    boolean distributedLock,
    Predicate<Object> store) {

  public LoadPolicy {
    requirePositive(ttl, "ttl");
    requireNotNegative(jitter, "jitter");
    requireNotNegative(staleTtl, "staleTtl");
    Objects.requireNonNull(nullTtl, "nullTtl");
    nullTtl.ifPresent(d -> requirePositive(d, "nullTtl"));
    Objects.requireNonNull(store, "store");
  }

  /** Fresh for {@code ttl}, no jitter, no stale grace, nulls cached for {@code ttl}, no lock. */
  public static LoadPolicy of(Duration ttl) {
    return new LoadPolicy(ttl, Duration.ZERO, Duration.ZERO, Optional.of(ttl), false, v -> true);
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be above 0, not " + d);
    }
  }

  private static void requireNotNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, not " + d);
    }
  }
}
