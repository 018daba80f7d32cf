package io.cachelet.filter;

import io.cachelet.cache.Cache;
import io.cachelet.codec.EntryCipher;
import io.cachelet.codec.EntryFormatException;
import io.cachelet.codec.EntryOpenException;
import io.cachelet.config.EncryptionSettings;
import io.cachelet.key.KeyBuilder;
import io.cachelet.store.CacheStore;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
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
 * {prefix}:http:{route}:{all-gen}.{route-gen}:{sha256 of the canonical key}   an entry's head
 * {entry key}:~body                                                            its body
 * {prefix}:http:{route}:~uri:{sha256 of scheme, host, port, path}             entry keys per URI (set)
 * {prefix}:http:~tag:{tag}                                                    entry keys per tag (set)
 * {prefix}:http:~gen:{route}   {prefix}:http:~gen:~all                        generation counters
 * {prefix}:http:~lock:{route}:{hash}                                          fill lock
 * </pre>
 *
 * An entry's head and body are read together (one MGET); a renewal rewrites the head and only
 * extends the body's lifetime. Purging a route or everything increments a counter, so all older
 * keys become unreachable at once (O(1)) and expire on their own TTL. The counters are read at most
 * once per {@link Cache#GENERATION_REFRESH} (as the method cache does), so a hit costs one store
 * call: a purge made here applies at once, a purge made by another instance within that period.
 * Thread-safe.
 */
final class HttpStore {

  private static final Logger LOG = LoggerFactory.getLogger(HttpStore.class);
  static final String AREA = "http";
  private static final String GEN_ALL = "~all";
  private static final String URI_INDEX = "~uri";
  private static final String TAG_INDEX = "~tag";
  private static final String BODY = ":~body";

  /** The store could not be used for this request. */
  static final class Unavailable extends Exception {
    Unavailable(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private final CacheStore store;
  private final KeyBuilder keys;
  private final DecodedEntries decoded = new DecodedEntries();
  private final EncryptionSettings encryption;

  /** Sealed entries that failed to open, by route name. */
  private final ConcurrentMap<String, LongAdder> decryptFailures = new ConcurrentHashMap<>();

  /** The store keys of the entries asked for lately: escaping a key costs more than finding it. */
  private final RecentResults<EntryKeyParts, String> entryKeys =
      new RecentResults<>(CanonicalKey.Keys.REMEMBERED, this::entryKey);

  private final WriteBehind writes = new WriteBehind();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicBoolean evictionLost = new AtomicBoolean();

  /** Generation counters by route name (and {@value #GEN_ALL}), as last read or bumped here. */
  private final ConcurrentMap<String, Generation> generations = new ConcurrentHashMap<>();

  /**
   * A counter's value and when (System.nanoTime) it was asked for: a read that started before a
   * bump made here must not overwrite the bumped value.
   */
  private record Generation(long value, long askedAt) {
    boolean fresh(long now) {
      return now - askedAt < GENERATION_REFRESH_NANOS;
    }
  }

  private static final long GENERATION_REFRESH_NANOS = Cache.GENERATION_REFRESH.toNanos();

  HttpStore(CacheStore store, KeyBuilder keys, EncryptionSettings encryption) {
    // a resilient store (and any decorator in front of it) never throws: its failure count and
    // breaker state tell a miss from an outage
    this.store = store;
    this.keys = keys;
    this.encryption = encryption;
  }

  /**
   * Checks that every route asking for encryption can have it.
   *
   * @throws io.cachelet.config.ConfigException naming {@code CACHELET_ENCRYPTION_KEYS} when a route
   *     is encrypted and no key is configured
   */
  void requireKeysFor(Collection<Route> routes) {
    for (Route route : routes) {
      if (route.encrypt()) {
        encryption.requireCipher("route '" + route.name() + "' (encrypt=true)");
      }
    }
  }

  /**
   * The plain entry {@code stored} under {@code storeKey} holds; plain entries pass as they are.
   */
  private byte[] opened(String storeKey, byte[] stored) {
    if (!EntryCipher.isSealed(stored)) {
      return stored;
    }
    return encryption
        .cipher()
        .orElseThrow(
            () -> new EntryOpenException("the entry is encrypted and no key is configured"))
        .open(storeKey, stored);
  }

  /** Whether {@code route}'s entries are written sealed. */
  private boolean seals(Route route) {
    return encryption.enabled() || route.encrypt();
  }

  /** Sealed entries that failed to open and were answered as misses, by route name. */
  Map<String, Long> decryptFailures() {
    Map<String, Long> counts = new TreeMap<>();
    decryptFailures.forEach((route, count) -> counts.put(route, count.sum()));
    return counts;
  }

  /** Where an entry is stored and what is there. */
  record Found(String storeKey, Optional<HttpEntry> entry) {}

  /**
   * Looks up {@code key}: no store call at all while the breaker is open, and {@link Unavailable}
   * when a call failed rather than found nothing.
   */
  Found lookup(Route route, CanonicalKey key) throws Unavailable {
    repairLostEvictions();
    long before = failures();
    String storeKey = entryKey(route, key);
    // a hung store costs one timeout per call: don't make a second call after a failed first
    requireNoFailureSince(before);
    Optional<HttpEntry> entry = get(route, storeKey, key);
    if (entry.isEmpty() && failures() != before) {
      throw new Unavailable(new StoreUnavailableException("lookup failed", null));
    }
    return new Found(storeKey, entry);
  }

  /**
   * Calls the store answered from a fallback so far (any thread's: a failure next to ours means the
   * store is failing); always 0 on a store that throws instead.
   */
  private long failures() {
    return store.failures();
  }

  private void requireClosedBreaker() throws Unavailable {
    if (store.breakerState() == StoreHealth.BreakerState.OPEN) {
      throw new Unavailable(new StoreUnavailableException("circuit breaker open", null));
    }
  }

  /** The store key for {@code key} on {@code route} under the current generations. */
  String entryKey(Route route, CanonicalKey key) throws Unavailable {
    requireClosedBreaker();
    long now = System.nanoTime();
    Generation all = generations.get(GEN_ALL);
    Generation own = generations.get(route.name());
    if (all == null || own == null || !all.fresh(now) || !own.fresh(now)) {
      long before = failures();
      String allKey = genKey(GEN_ALL);
      String ownKey = genKey(route.name());
      Map<String, byte[]> read = guard(() -> store.getAll(List.of(allKey, ownKey)));
      // a store that hides its failures answers a failed read as absent: that is no generation
      requireNoFailureSince(before);
      all = remember(GEN_ALL, new Generation(gen(read.get(allKey)), now));
      own = remember(route.name(), new Generation(gen(read.get(ownKey)), now));
    }
    return entryKeys.get(new EntryKeyParts(route.name(), all.value(), own.value(), key.hash()));
  }

  /** What an entry's store key is made of. */
  private record EntryKeyParts(
      String route, long allGeneration, long routeGeneration, String hash) {}

  private String entryKey(EntryKeyParts parts) {
    return keys.key(
        AREA,
        parts.route(),
        parts.allGeneration() + "." + parts.routeGeneration() + ":" + parts.hash());
  }

  /** Keeps a counter as read, unless it was bumped here after the read was asked for. */
  private Generation remember(String name, Generation read) {
    return generations.merge(
        name, read, (known, fresh) -> known.askedAt() > fresh.askedAt() ? known : fresh);
  }

  /**
   * The entry under {@code storeKey} when it is one and carries {@code key}; else empty. A sealed
   * entry that fails to open (another key, changed, cut, or moved from another store key) is
   * counted against {@code route} and is a miss.
   */
  Optional<HttpEntry> get(Route route, String storeKey, CanonicalKey key) throws Unavailable {
    Optional<HttpEntry> waiting =
        writes.pending(storeKey).filter(e -> e.canonicalKey().equals(key.canonical()));
    if (waiting.isPresent()) {
      return waiting;
    }
    String bodyKey = bodyKey(storeKey);
    Map<String, byte[]> values = guard(() -> store.getAll(List.of(storeKey, bodyKey)));
    byte[] head = values.get(storeKey);
    byte[] body = values.get(bodyKey);
    if (head == null || body == null) {
      return Optional.empty();
    }
    try {
      HttpEntry entry =
          decoded.decode(new DecodedEntries.Stored(storeKey, head, bodyKey, body), this::opened);
      return entry.canonicalKey().equals(key.canonical()) ? Optional.of(entry) : Optional.empty();
    } catch (EntryOpenException e) {
      decryptFailures.computeIfAbsent(route.name(), r -> new LongAdder()).increment();
      return Optional.empty();
    } catch (EntryFormatException e) {
      LOG.debug("Unreadable entry under {}: {}", storeKey, e.getMessage());
      return Optional.empty();
    }
  }

  /** Whether an entry's body is to be written, or is in the store already. */
  enum Body {
    /** A new response: head and body are written. */
    WRITE,
    /**
     * A renewal of the stored response: only the head is written, and the body's lifetime extended
     * (unless the body is gone meanwhile, when it is written again).
     */
    STORED
  }

  /**
   * Stores {@code entry} and indexes it by URI and its tags, after the request has returned ({@link
   * WriteBehind}); reads find it at once. Nothing is stored when an invalidation was made since
   * {@link #invalidations()} answered {@code invalidationsBefore}. {@code done} is told whether the
   * store took it.
   */
  void put(
      String storeKey,
      HttpEntry entry,
      Body body,
      Duration ttl,
      Route route,
      String uri,
      long invalidationsBefore,
      WriteBehind.Done done) {
    writes.submit(
        storeKey,
        entry,
        invalidationsBefore,
        () -> write(storeKey, entry, body, ttl, route, uri),
        done);
  }

  /**
   * How many invalidations this instance has made so far: a response captured across one is not
   * stored (it may be what was just invalidated).
   */
  long invalidations() {
    return writes.invalidations();
  }

  /** Writes {@code entry} with its indexes; false when the store was unavailable. */
  private boolean write(
      String storeKey, HttpEntry entry, Body body, Duration ttl, Route route, String uri) {
    long before = failures();
    try {
      // indexes first: once the entry is visible, an invalidation must be able to find it; and
      // each call only while the previous ones succeeded, so a hung store costs one timeout
      guard(() -> addToSet(uriKey(route.name(), uri), storeKey, ttl));
      requireNoFailureSince(before);
      for (String tag : entry.tags()) {
        guard(() -> addToSet(tagKey(tag), storeKey, ttl));
        requireNoFailureSince(before);
      }
      // the body before the head: a head is never read without the body it was written with
      String bodyKey = bodyKey(storeKey);
      boolean kept = body == Body.STORED && guard(() -> store.expire(bodyKey, ttl));
      requireNoFailureSince(before);
      if (!kept) {
        guard(() -> put(bodyKey, entry.bodyBytes(), ttl, route));
        requireNoFailureSince(before);
      }
      guard(() -> put(storeKey, entry.headBytes(), ttl, route));
      requireNoFailureSince(before);
      return true;
    } catch (Unavailable e) {
      return false;
    }
  }

  /** Writes one value of an entry, sealed when the route's entries are. */
  private Void put(String key, byte[] plain, Duration ttl, Route route) {
    store.put(
        key, seals(route) ? encryption.requireCipher(route.name()).seal(key, plain) : plain, ttl);
    return null;
  }

  private Void addToSet(String setKey, String member, Duration ttl) {
    store.addToSet(setKey, List.of(member), ttl);
    return null;
  }

  /** Deletes every entry stored for {@code uri} on {@code route}; returns how many. */
  long invalidateUri(String route, String uri) throws Unavailable {
    return evicting(() -> deleteMembers(uriKey(route, uri)));
  }

  /** Deletes every entry tagged {@code tag}; returns how many. */
  long invalidateTag(String tag) throws Unavailable {
    return evicting(() -> deleteMembers(tagKey(tag)));
  }

  /** Makes every entry of {@code route} unreachable, in one increment. */
  void purgeRoute(String route) throws Unavailable {
    evicting(() -> bump(route));
  }

  /** Makes every entry of every route unreachable, in one increment. */
  void purgeAll() throws Unavailable {
    evicting(() -> bump(GEN_ALL));
  }

  /** Deletes every key matching the glob {@code pattern}; returns how many. */
  long deleteKeys(String pattern) throws Unavailable {
    return evicting(() -> answered(() -> store.clear(pattern)));
  }

  /**
   * Deletes the key {@code storeKey} (with its body, when it is an entry's head); returns whether
   * it existed.
   */
  boolean deleteKey(String storeKey) throws Unavailable {
    return evicting(() -> answered(() -> store.deleteAll(List.of(storeKey, bodyKey(storeKey)))))
        > 0;
  }

  /** Increments the generation counter {@code name} and uses the new value from now on. */
  private long bump(String name) throws Unavailable {
    long value = answered(() -> store.increment(genKey(name), 1));
    generations.put(name, new Generation(value, System.nanoTime()));
    return value;
  }

  private interface Eviction {
    long run() throws Unavailable;
  }

  /**
   * Runs an eviction; when it fails, stale entries may outlive it, so no entry is served again
   * until everything was purged (the method cache does the same with its generations).
   */
  private long evicting(Eviction eviction) throws Unavailable {
    writes.beforeInvalidation();
    try {
      return eviction.run();
    } catch (Unavailable e) {
      if (evictionLost.compareAndSet(false, true)) {
        LOG.warn("An eviction failed; every cached response is purged once the store answers");
      }
      throw e;
    }
  }

  /** Purges everything when an eviction was lost; until that succeeds, nothing is served. */
  private void repairLostEvictions() throws Unavailable {
    if (evictionLost.get()) {
      bump(GEN_ALL);
      evictionLost.set(false);
      LOG.info("Purged every cached response after a lost eviction");
    }
  }

  private void requireNoFailureSince(long before) throws Unavailable {
    if (failures() != before) {
      throw new Unavailable(new StoreUnavailableException("store call failed", null));
    }
  }

  /** Takes the cross-instance fill lock for a key; false when another holder has it. */
  boolean lock(String lockKey, String token, Duration lease) throws Unavailable {
    // a failed SET NX answers false too: that is an outage, not a lock held elsewhere
    return answered(() -> store.putIfAbsent(lockKey, bytes(token), lease));
  }

  /** Whether someone holds the lock under {@code lockKey}. */
  boolean locked(String lockKey) throws Unavailable {
    return answered(() -> store.exists(lockKey));
  }

  /** Releases the lock if this token still holds it (check-and-delete). */
  void unlock(String lockKey, String token) {
    try {
      guard(() -> store.deleteIfEquals(lockKey, bytes(token)));
    } catch (Unavailable e) {
      // the lease expires on its own
    }
  }

  /**
   * Releases the lock once the entry stored under {@code storeKey} is readable by every instance,
   * that is once its write behind has ended: released before, it would let another instance's
   * waiter look, find nothing yet and fill the entry again.
   */
  void unlockOnceWritten(String storeKey, String lockKey, String token) {
    writes.afterWrite(storeKey, () -> unlock(lockKey, token));
  }

  String lockKey(Route route, CanonicalKey key) {
    return keys.key(AREA, "~lock", route.name() + ":" + key.hash());
  }

  static String uriHash(RequestFacts request) {
    return uriHash(request.scheme(), request.host(), request.port(), request.path());
  }

  static String uriHash(String scheme, String host, int port, String path) {
    return CanonicalKey.sha256(scheme + "\n" + host + "\n" + port + "\n" + path);
  }

  private long deleteMembers(String setKey) throws Unavailable {
    return answered(
        () -> {
          Set<String> members = store.setMembers(setKey);
          Collection<String> heads = new ArrayList<>(members);
          heads.add(setKey);
          long deleted = store.deleteAll(heads);
          store.deleteAll(members.stream().map(HttpStore::bodyKey).toList());
          return Math.max(0, deleted - 1);
        });
  }

  /**
   * Whether the key {@code rest} (a store key after the application prefix and its colon) is an
   * index, a set of entry keys per URI or per tag, by the layout above. Route names can't hold a
   * {@code ~}, so neither marker can be a route's name (in a URI index or a lock).
   */
  static boolean isIndex(String rest) {
    String[] parts = rest.split(":", 4);
    return parts.length >= 3
        && parts[0].equals(AREA)
        && (parts[1].equals(TAG_INDEX) || parts[2].equals(URI_INDEX));
  }

  /** Where the body of the entry whose head is under {@code storeKey} is stored. */
  static String bodyKey(String storeKey) {
    return storeKey + BODY;
  }

  private String uriKey(String route, String uri) {
    return keys.key(AREA, route, URI_INDEX + ":" + uri);
  }

  private String tagKey(String tag) {
    return keys.key(AREA, TAG_INDEX, tag);
  }

  private String genKey(String name) {
    return keys.key(AREA, "~gen", name);
  }

  /** Stops the writers, letting the writes already submitted finish for a moment. */
  void close() {
    writes.close();
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

  private interface StoreCall<T> {
    T call();
  }

  /**
   * What {@code call} answered, unless the store answered it from a fallback: a store that hides
   * its failures counts one meanwhile.
   */
  private <T> T answered(StoreCall<T> call) throws Unavailable {
    long before = failures();
    T answer = guard(call);
    requireNoFailureSince(before);
    return answer;
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
