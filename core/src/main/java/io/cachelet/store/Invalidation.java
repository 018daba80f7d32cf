package io.cachelet.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one write made stale, as instances tell each other over an {@link InvalidationBus}: either
 * some keys, or every key matching a Redis glob pattern.
 *
 * @param storeKeys the keys written or deleted; empty for a pattern
 * @param pattern the glob of a {@link CacheStore#clear} call; empty for keys
 */
public record Invalidation(List<String> storeKeys, Optional<String> pattern) {

  public Invalidation {
    storeKeys = List.copyOf(storeKeys);
    Objects.requireNonNull(pattern, "pattern");
    if (storeKeys.isEmpty() == pattern.isEmpty()) {
      throw new IllegalArgumentException("An invalidation names either keys or a pattern");
    }
  }

  /** The keys {@code keys} were written or deleted; there must be at least one. */
  public static Invalidation ofKeys(List<String> keys) {
    return new Invalidation(keys, Optional.empty());
  }

  /** Every key matching the glob {@code pattern} was deleted. */
  public static Invalidation ofPattern(String pattern) {
    return new Invalidation(List.of(), Optional.of(pattern));
  }
}
