package io.cachelet.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * A value found in a cache, which may be a cached {@code null}. A miss is an empty {@code
 * Optional<CachedValue<T>>}, never a {@code CachedValue} holding null: the two mean different
 * things (the method ran and returned null, versus nobody asked yet).
 *
 * @param value the cached value, {@code null} when null was cached
 * @param storedAt when the value was stored
 * @param freshUntil until when it is fresh
 */
public record CachedValue<T>(T value, Instant storedAt, Instant freshUntil) {

  public CachedValue {
    Objects.requireNonNull(storedAt, "storedAt");
    Objects.requireNonNull(freshUntil, "freshUntil");
  }

  /** Whether the value is fresh at {@code now}. */
  public boolean isFreshAt(Instant now) {
    return now.isBefore(freshUntil);
  }
}
