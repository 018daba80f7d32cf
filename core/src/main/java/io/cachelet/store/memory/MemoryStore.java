package io.cachelet.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cachelet.key.Glob;
import io.cachelet.store.CacheStore;
import io.cachelet.store.ScanPage;
import io.cachelet.store.SizeEvictions;
import io.cachelet.store.StoreException;
import io.cachelet.store.StoreMemory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process store: Caffeine with an expiry per entry, bounded by the bytes it holds. The
 * embedded default when no Redis is configured, and the reference the contract suite holds Redis
 * to: values, counters and sets behave as their Redis commands do, wrong types included.
 */
public final class MemoryStore implements CacheStore {

  /**
   * What one entry costs beyond its key and value bytes, roughly: node, entry and array headers.
   */
  private static final int ENTRY_OVERHEAD = 96;

  private static final long NEVER = Long.MAX_VALUE;
  private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder CURSOR_DECODER = Base64.getUrlDecoder();

  private final Cache<String, Entry> cache;
  private final ConcurrentMap<String, Entry> map;
  private final Ticker ticker;
  private final long maxBytes;
  private final SizeEvictions evictions = new SizeEvictions();

  private MemoryStore(long maxBytes, Ticker ticker) {
    this.ticker = ticker;
    this.maxBytes = maxBytes;
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            // upkeep on the caller's thread: the bound holds when a write returns, and a read
            // never hands work to (and wakes) a pool thread
            .executor(Runnable::run)
            .maximumWeight(maxBytes)
            .weigher((String key, Entry entry) -> weigh(key, entry))
            .expireAfter(new EntryExpiry())
            .evictionListener(evictions)
            .build();
    this.map = cache.asMap();
  }

  /** A store holding at most {@code maxBytes} of keys and values, on the system clock. */
  public static MemoryStore create(long maxBytes) {
    return create(maxBytes, Ticker.systemTicker());
  }

  /** A store on {@code ticker}, so tests can move time forward instead of sleeping. */
  public static MemoryStore create(long maxBytes, Ticker ticker) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    return new MemoryStore(maxBytes, Objects.requireNonNull(ticker, "ticker"));
  }

  /** A value: bytes (strings and counters) or a set of strings, and when it expires. */
  private record Entry(byte[] bytes, Set<String> members, long expiresAt) {

    static Entry bytes(byte[] bytes, long expiresAt) {
      return new Entry(bytes, null, expiresAt);
    }

    static Entry set(Set<String> members, long expiresAt) {
      return new Entry(null, Set.copyOf(members), expiresAt);
    }

    byte[] requireBytes(String key) {
      if (bytes == null) {
        throw wrongType(key);
      }
      return bytes;
    }

    Set<String> requireSet(String key) {
      if (members == null) {
        throw wrongType(key);
      }
      return members;
    }
  }

  private static StoreException wrongType(String key) {
    return new StoreException(
        "WRONGTYPE Operation against a key holding the wrong kind of value: " + key);
  }

  private static final class EntryExpiry implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry entry, long now) {
      return entry.expiresAt == NEVER ? Long.MAX_VALUE : Math.max(0, entry.expiresAt - now);
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long now, long currentDuration) {
      return expireAfterCreate(key, entry, now);
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long now, long currentDuration) {
      return currentDuration;
    }
  }

  private static int weigh(String key, Entry entry) {
    long size = ENTRY_OVERHEAD + 2L * key.length();
    if (entry.bytes != null) {
      size += entry.bytes.length;
    } else {
      for (String member : entry.members) {
        size += 48 + 2L * member.length();
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, size);
  }

  private long expiresAt(Duration ttl) {
    requirePositive(ttl);
    long nanos = ttl.compareTo(Duration.ofDays(365 * 100)) > 0 ? Long.MAX_VALUE / 4 : ttl.toNanos();
    return ticker.read() + nanos;
  }

  private static void requirePositive(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
  }

  @Override
  public byte[] get(String key) {
    Entry entry = cache.getIfPresent(key);
    return entry == null ? null : entry.requireBytes(key).clone();
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    Map<String, byte[]> found = new LinkedHashMap<>();
    for (String key : keys) {
      Entry entry = cache.getIfPresent(key);
      // like MGET, a key of another type reads as absent instead of failing the batch
      if (entry != null && entry.bytes != null) {
        found.put(key, entry.bytes.clone());
      }
    }
    return found;
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    cache.put(key, Entry.bytes(value.clone(), expiresAt(ttl)));
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    long expiresAt = expiresAt(ttl);
    entries.forEach((key, value) -> cache.put(key, Entry.bytes(value.clone(), expiresAt)));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    Entry fresh = Entry.bytes(value.clone(), expiresAt(ttl));
    return map.putIfAbsent(key, fresh) == null;
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    Objects.requireNonNull(expected, "expected");
    AtomicBoolean deleted = new AtomicBoolean();
    map.computeIfPresent(
        key,
        (k, entry) -> {
          if (entry.bytes != null && Arrays.equals(entry.bytes, expected)) {
            deleted.set(true);
            return null;
          }
          return entry;
        });
    return deleted.get();
  }

  @Override
  public boolean delete(String key) {
    return map.remove(key) != null;
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    long deleted = 0;
    for (String key : new HashSet<>(keys)) {
      if (map.remove(key) != null) {
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public boolean exists(String key) {
    return cache.getIfPresent(key) != null;
  }

  @Override
  public boolean expire(String key, Duration ttl) {
    long expiresAt = expiresAt(ttl);
    // a new record of the same value: the expiry policy reads the time from the record
    return map.computeIfPresent(key, (k, entry) -> new Entry(entry.bytes, entry.members, expiresAt))
        != null;
  }

  @Override
  public Optional<Duration> ttl(String key) {
    Entry entry = cache.getIfPresent(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.expiresAt == NEVER) {
      return Optional.of(NO_EXPIRY);
    }
    return Optional.of(Duration.ofNanos(Math.max(0, entry.expiresAt - ticker.read())));
  }

  @Override
  public long increment(String key, long delta) {
    AtomicLong result = new AtomicLong();
    map.compute(
        key,
        (k, entry) -> {
          long current = entry == null ? 0 : parseCounter(k, entry.requireBytes(k));
          long next;
          try {
            next = Math.addExact(current, delta);
          } catch (ArithmeticException e) {
            throw new StoreException("ERR increment or decrement would overflow: " + k);
          }
          result.set(next);
          byte[] digits = Long.toString(next).getBytes(StandardCharsets.US_ASCII);
          return Entry.bytes(digits, entry == null ? NEVER : entry.expiresAt);
        });
    return result.get();
  }

  private static long parseCounter(String key, byte[] bytes) {
    try {
      return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new StoreException("ERR value is not an integer or out of range: " + key);
    }
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    long expiresAt = expiresAt(ttl);
    map.compute(
        key,
        (k, entry) -> {
          if (entry == null) {
            return Entry.set(new HashSet<>(members), expiresAt);
          }
          Set<String> union = new HashSet<>(entry.requireSet(k));
          union.addAll(members);
          return Entry.set(union, Math.max(entry.expiresAt, expiresAt));
        });
  }

  @Override
  public Set<String> setMembers(String key) {
    Entry entry = cache.getIfPresent(key);
    return entry == null ? Set.of() : entry.requireSet(key);
  }

  @Override
  public long clear(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    long before = map.size();
    map.keySet().removeIf(key -> Glob.matches(pattern, key));
    return Math.max(0, before - map.size());
  }

  /**
   * Pages through the matching keys in sorted order; the cursor encodes the last key returned, so
   * it survives concurrent writes the way a Redis cursor does.
   */
  @Override
  public ScanPage scan(String pattern, String cursor, int count) {
    Objects.requireNonNull(pattern, "pattern");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    String after = decodeCursor(cursor);
    List<String> page =
        map.keySet().stream()
            .filter(key -> after == null || key.compareTo(after) > 0)
            .filter(key -> Glob.matches(pattern, key))
            .sorted()
            .limit(count + 1L)
            .toList();
    if (page.size() <= count) {
      return new ScanPage(page, ScanPage.START);
    }
    List<String> keys = page.subList(0, count);
    String last = keys.get(count - 1);
    return new ScanPage(keys, CURSOR_ENCODER.encodeToString(last.getBytes(StandardCharsets.UTF_8)));
  }

  private static String decodeCursor(String cursor) {
    Objects.requireNonNull(cursor, "cursor");
    if (ScanPage.START.equals(cursor)) {
      return null;
    }
    try {
      return new String(CURSOR_DECODER.decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid scan cursor '" + cursor + "'", e);
    }
  }

  @Override
  public Duration ping() {
    long start = System.nanoTime();
    cache.getIfPresent("");
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public String backend() {
    return "memory";
  }

  /** The weighed bytes held, the {@code memory.max-bytes} bound, and entries evicted by it. */
  @Override
  public Optional<StoreMemory> memory() {
    long used = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return Optional.of(new StoreMemory(used, maxBytes, evictions.count()));
  }

  /** How many entries are held right now, including ones expired but not yet swept. */
  public long size() {
    return cache.estimatedSize();
  }

  @Override
  public void close() {
    cache.invalidateAll();
    cache.cleanUp();
  }
}
