package io.cachelet.filter;

import io.cachelet.codec.EntryFormatException;
import io.cachelet.key.KeyBuilder;
import io.cachelet.store.CacheStore;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.StoreUnavailableException;
import io.cachelet.store.resilient.ResilientStore;
import io.cachelet.store.resilient.StoreStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter's view of the store: entry keys with generation numbers, entries, tag sets, locks and
 * purges. Every store call is guarded: a store failure becomes {@link Unavailable} (or is dropped,
 * for writes) and is logged once per change of state, so no request fails because of the store.
 *
 * <p>Key layout, under the application prefix, area {@code http}, the route name readable:
 *
 * <pre>
 * {prefix}:http:{route}:{all-gen}.{route-gen}:{sha256 of the canonical key}   an entry
 * {prefix}:http:{route}:~uri:{sha256 of scheme, host, port, path}             entry keys per URI (set)
 * {prefix}:http:~tag:{tag}                                                    entry keys per tag (set)
 * {prefix}:http:~gen:{route}   {prefix}:http:~gen:~all                        generation counters
 * {prefix}:http:~lock:{route}:{hash}                                          fill lock
 * </pre>
 *
 * Purging a route or everything increments a counter, so all older keys become unreachable at once
 * (O(1)) and expire on their own TTL. Thread-safe.
 */
final class HttpStore {

  private static final Logger LOG = LoggerFactory.getLogger(HttpStore.class);
  static final String AREA = "http";
  private static final String GEN_ALL = "~all";

  /** The store could not be used for this request. */
  static final class Unavailable extends Exception {
    Unavailable(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private final CacheStore store;
  private final ResilientStore resilient;
  private final KeyBuilder keys;
  private final AtomicBoolean down = new AtomicBoolean();

  HttpStore(CacheStore store, KeyBuilder keys) {
    this.store = store;
    // a resilient store never throws: its breaker and failure counts tell a miss from an outage
    this.resilient = store instanceof ResilientStore r ? r : null;
    this.keys = keys;
  }

  /** Where an entry is stored and what is there. */
  record Found(String storeKey, Optional<HttpEntry> entry) {}

  /**
   * Looks up {@code key}: no store call at all while the breaker is open, and {@link Unavailable}
   * when a call failed rather than found nothing.
   */
  Found lookup(Route route, CanonicalKey key) throws Unavailable {
    long before = failures();
    String storeKey = entryKey(route, key);
    Optional<HttpEntry> entry = get(storeKey, key);
    if (entry.isEmpty() && failures() != before) {
      throw new Unavailable(new StoreUnavailableException("lookup failed", null));
    }
    return new Found(storeKey, entry);
  }

  /**
   * Failed or short-circuited calls so far on a resilient store (any thread's: a failure next to
   * ours means the store is failing), 0 on others, which throw instead.
   */
  private long failures() {
    if (resilient == null) {
      return 0;
    }
    StoreStats stats = resilient.stats();
    return stats.errors() + stats.shortCircuited();
  }

  private void requireClosedBreaker() throws Unavailable {
    if (resilient != null && resilient.breakerState() == StoreHealth.BreakerState.OPEN) {
      throw new Unavailable(new StoreUnavailableException("circuit breaker open", null));
    }
  }

  /** The store key for {@code key} on {@code route} under the current generations. */
  String entryKey(Route route, CanonicalKey key) throws Unavailable {
    requireClosedBreaker();
    String routeGen = genKey(route.name());
    String allGen = genKey(GEN_ALL);
    Map<String, byte[]> gens = guard(() -> store.getAll(List.of(routeGen, allGen)));
    return keys.key(
        AREA,
        route.name(),
        gen(gens.get(allGen)) + "." + gen(gens.get(routeGen)) + ":" + key.hash());
  }

  /** The entry under {@code storeKey} when it is one and carries {@code key}; else empty. */
  Optional<HttpEntry> get(String storeKey, CanonicalKey key) throws Unavailable {
    byte[] bytes = guard(() -> store.get(storeKey));
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      HttpEntry entry = HttpEntry.parse(bytes);
      return entry.canonicalKey().equals(key.canonical()) ? Optional.of(entry) : Optional.empty();
    } catch (EntryFormatException e) {
      LOG.debug("Unreadable entry under {}: {}", storeKey, e.getMessage());
      return Optional.empty();
    }
  }

  /** Stores {@code entry}, indexes it by URI and tags; false when the store was unavailable. */
  boolean put(
      String storeKey, HttpEntry entry, Duration ttl, Route route, String uri, Set<String> tags) {
    long before = failures();
    try {
      guard(
          () -> {
            // indexes first: once the entry is visible, an invalidation must be able to find it
            store.addToSet(uriKey(route.name(), uri), List.of(storeKey), ttl);
            for (String tag : tags) {
              store.addToSet(tagKey(tag), List.of(storeKey), ttl);
            }
            store.put(storeKey, entry.toBytes(), ttl);
            return null;
          });
      return failures() == before;
    } catch (Unavailable e) {
      return false;
    }
  }

  /** Deletes every entry stored for {@code uri} on {@code route}; returns how many. */
  long invalidateUri(String route, String uri) throws Unavailable {
    return deleteMembers(uriKey(route, uri));
  }

  /** Deletes every entry tagged {@code tag}; returns how many. */
  long invalidateTag(String tag) throws Unavailable {
    return deleteMembers(tagKey(tag));
  }

  /** Makes every entry of {@code route} unreachable, in one increment. */
  void purgeRoute(String route) throws Unavailable {
    long before = failures();
    guard(() -> store.increment(genKey(route), 1));
    requireNoFailureSince(before);
  }

  /** Makes every entry of every route unreachable, in one increment. */
  void purgeAll() throws Unavailable {
    long before = failures();
    guard(() -> store.increment(genKey(GEN_ALL), 1));
    requireNoFailureSince(before);
  }

  private void requireNoFailureSince(long before) throws Unavailable {
    if (failures() != before) {
      throw new Unavailable(new StoreUnavailableException("store call failed", null));
    }
  }

  /** Takes the cross-instance fill lock for a key; false when another holder has it. */
  boolean lock(String lockKey, String token, Duration lease) throws Unavailable {
    return guard(() -> store.putIfAbsent(lockKey, bytes(token), lease));
  }

  /** Releases the lock if this token still holds it (check-and-delete). */
  void unlock(String lockKey, String token) {
    try {
      guard(() -> store.deleteIfEquals(lockKey, bytes(token)));
    } catch (Unavailable e) {
      // the lease expires on its own
    }
  }

  String lockKey(Route route, CanonicalKey key) {
    return keys.key(AREA, "~lock", route.name() + ":" + key.hash());
  }

  static String uriHash(RequestFacts request) {
    return CanonicalKey.sha256(
        request.scheme() + "\n" + request.host() + "\n" + request.port() + "\n" + request.path());
  }

  private long deleteMembers(String setKey) throws Unavailable {
    long before = failures();
    long deleted = guardDelete(setKey);
    requireNoFailureSince(before);
    return deleted;
  }

  private long guardDelete(String setKey) throws Unavailable {
    return guard(
        () -> {
          Set<String> members = store.setMembers(setKey);
          Collection<String> all = new ArrayList<>(members);
          all.add(setKey);
          long deleted = store.deleteAll(all);
          return Math.max(0, deleted - 1);
        });
  }

  private String uriKey(String route, String uri) {
    return keys.key(AREA, route, "~uri:" + uri);
  }

  private String tagKey(String tag) {
    return keys.key(AREA, "~tag", tag);
  }

  private String genKey(String name) {
    return keys.key(AREA, "~gen", name);
  }

  private static long gen(byte[] counter) {
    if (counter == null) {
      return 0;
    }
    try {
      return Long.parseLong(new String(counter, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the last store call failed. */
  boolean isDown() {
    return down.get();
  }

  private interface StoreCall<T> {
    T call();
  }

  private <T> T guard(StoreCall<T> call) throws Unavailable {
    try {
      T result = call.call();
      if (down.compareAndSet(true, false)) {
        LOG.info("The cache store answers again; the filter serves from it");
      }
      return result;
    } catch (RuntimeException e) {
      if (down.compareAndSet(false, true)) {
        LOG.warn(
            "The cache store failed ({}); requests go to the application until it is back",
            e.toString());
      }
      throw new Unavailable(e);
    }
  }
}
