package io.cachelet.method;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The cache operations of one method, parsed once from its annotations. Immutable. */
sealed interface Operation {

  /** The cache the operation works on. */
  String cache();

  /**
   * How the key is made: an expression, or the canonical form of the parameters at {@code
   * parameters} (all of them, or the {@code @CacheKey} ones).
   */
  record KeySource(Optional<Expression> expression, List<Integer> parameters) {
    public KeySource {
      parameters = List.copyOf(parameters);
    }
  }

  /** {@code @Cacheable}. */
  record Read(
      String cache,
      KeySource key,
      Optional<Expression> condition,
      Optional<Expression> unless,
      Duration ttl,
      Duration jitter,
      Duration staleTtl,
      Optional<Duration> nullTtl,
      boolean distributedLock,
      boolean encrypt)
      implements Operation {}

  /** {@code @CachePut}. */
  record Put(
      String cache,
      KeySource key,
      Optional<Expression> condition,
      Optional<Expression> unless,
      Duration ttl,
      Duration jitter,
      boolean encrypt)
      implements Operation {}

  /** {@code @CacheEvict}. */
  record Evict(
      String cache,
      KeySource key,
      boolean allEntries,
      boolean beforeInvocation,
      Optional<Expression> condition)
      implements Operation {}
}
