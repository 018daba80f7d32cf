package io.cachelet.metrics;

import io.cachelet.store.CacheStore;
import io.cachelet.store.ForwardingStore;
import io.cachelet.store.ScanPage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store that times every call to the store it wraps and counts the bytes of values read and
 * written:
 *
 * <ul>
 *   <li>{@code cachelet.store.latency} {@code {backend, operation}}: a timer per operation ({@code
 *       get}, {@code get_all}, {@code put}, ...);
 *   <li>{@code cachelet.store.bytes} {@code {backend, direction=read|written}}: value bytes.
 * </ul>
 *
 * <p>Wrap the outermost store, so that the time a circuit breaker saves shows too: {@code
 * MeteredStore.wrap(CacheStores.create(config), registry)}. Calls that throw are timed as well.
 * Health, pings and the breaker's figures are passed through untimed. Thread-safe.
 */
public final class MeteredStore extends ForwardingStore {

  private enum Operation {
    GET,
    GET_ALL,
    PUT,
    PUT_ALL,
    PUT_IF_ABSENT,
    DELETE_IF_EQUALS,
    DELETE,
    DELETE_ALL,
    EXISTS,
    EXPIRE,
    TTL,
    INCREMENT,
    ADD_TO_SET,
    SET_MEMBERS,
    CLEAR,
    SCAN
  }

  private final MeterRegistry registry;
  private final Map<Operation, Timer> timers = new EnumMap<>(Operation.class);
  private final Counter bytesRead;
  private final Counter bytesWritten;

  private MeteredStore(CacheStore delegate, MeterRegistry registry) {
    super(delegate);
    this.registry = registry;
    Tags tags = Tags.of("backend", delegate.backend());
    for (Operation operation : Operation.values()) {
      timers.put(
          operation,
          Timer.builder("cachelet.store.latency")
              .description("Time of store calls")
              .tags(tags.and("operation", operation.name().toLowerCase(Locale.ROOT)))
              .register(registry));
    }
    this.bytesRead =
        Counter.builder("cachelet.store.bytes")
            .baseUnit("bytes")
            .description("Bytes of values read from and written to the store")
            .tags(tags.and("direction", "read"))
            .register(registry);
    this.bytesWritten =
        Counter.builder("cachelet.store.bytes")
            .baseUnit("bytes")
            .description("Bytes of values read from and written to the store")
            .tags(tags.and("direction", "written"))
            .register(registry);
  }

  /** {@code store}, timed into {@code registry}. */
  public static MeteredStore wrap(CacheStore store, MeterRegistry registry) {
    return new MeteredStore(
        Objects.requireNonNull(store, "store"), Objects.requireNonNull(registry, "registry"));
  }

  private <T> T timed(Operation operation, Supplier<T> call) {
    Timer.Sample sample = Timer.start(registry);
    try {
      return call.get();
    } finally {
      sample.stop(timers.get(operation));
    }
  }

  private static long size(Map<String, byte[]> values) {
    long total = 0;
    for (byte[] value : values.values()) {
      total += value.length;
    }
    return total;
  }

  @Override
  public byte[] get(String key) {
    byte[] value = timed(Operation.GET, () -> delegate.get(key));
    if (value != null) {
      bytesRead.increment(value.length);
    }
    return value;
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    Map<String, byte[]> found = timed(Operation.GET_ALL, () -> delegate.getAll(keys));
    bytesRead.increment(size(found));
    return found;
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    timed(
        Operation.PUT,
        () -> {
          delegate.put(key, value, ttl);
          return null;
        });
    bytesWritten.increment(value.length);
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    timed(
        Operation.PUT_ALL,
        () -> {
          delegate.putAll(entries, ttl);
          return null;
        });
    bytesWritten.increment(size(entries));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    boolean stored = timed(Operation.PUT_IF_ABSENT, () -> delegate.putIfAbsent(key, value, ttl));
    if (stored) {
      bytesWritten.increment(value.length);
    }
    return stored;
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    return timed(Operation.DELETE_IF_EQUALS, () -> delegate.deleteIfEquals(key, expected));
  }

  @Override
  public boolean delete(String key) {
    return timed(Operation.DELETE, () -> delegate.delete(key));
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    return timed(Operation.DELETE_ALL, () -> delegate.deleteAll(keys));
  }

  @Override
  public boolean exists(String key) {
    return timed(Operation.EXISTS, () -> delegate.exists(key));
  }

  @Override
  public boolean expire(String key, Duration ttl) {
    return timed(Operation.EXPIRE, () -> delegate.expire(key, ttl));
  }

  @Override
  public Optional<Duration> ttl(String key) {
    return timed(Operation.TTL, () -> delegate.ttl(key));
  }

  @Override
  public long increment(String key, long delta) {
    return timed(Operation.INCREMENT, () -> delegate.increment(key, delta));
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    timed(
        Operation.ADD_TO_SET,
        () -> {
          delegate.addToSet(key, members, ttl);
          return null;
        });
  }

  @Override
  public Set<String> setMembers(String key) {
    return timed(Operation.SET_MEMBERS, () -> delegate.setMembers(key));
  }

  @Override
  public long clear(String pattern) {
    return timed(Operation.CLEAR, () -> delegate.clear(pattern));
  }

  @Override
  public ScanPage scan(String pattern, String cursor, int count) {
    return timed(Operation.SCAN, () -> delegate.scan(pattern, cursor, count));
  }
}
