package io.cachelet.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.key.Glob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CacheStore} shares, run against each of them so they cannot drift
 * apart. Subclasses say how to open a store; each test works under a key namespace of its own, so
 * stores may be shared between tests.
 */
public abstract class CacheStoreContract {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  protected CacheStore store;
  private String ns;

  /** A store for one test; closed after it. */
  protected abstract CacheStore openStore();

  @BeforeEach
  void openStoreAndNamespace() {
    store = openStore();
    ns = "contract:" + UUID.randomUUID() + ":";
  }

  @AfterEach
  void clearNamespaceAndClose() {
    try {
      store.clear(Glob.escape(ns) + "*");
    } finally {
      store.close();
    }
  }

  /** A key in this test's namespace. */
  protected String key(String name) {
    return ns + name;
  }

  /** Every page of a scan of {@code pattern}, asking {@code count} keys a page. */
  protected List<ScanPage> scanAll(String pattern, int count) {
    List<ScanPage> pages = new ArrayList<>();
    String cursor = ScanPage.START;
    do {
      ScanPage page = store.scan(pattern, cursor, count);
      pages.add(page);
      cursor = page.cursor();
    } while (!ScanPage.START.equals(cursor) && pages.size() < 10_000);
    return pages;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  @Test
  void aMissingKeyReadsAsNull() {
    assertThat(store.get(key("absent"))).isNull();
    assertThat(store.exists(key("absent"))).isFalse();
  }

  @Test
  void aPutValueReadsBackByteForByte() {
    byte[] everyByte = new byte[256];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    store.put(key("bin"), everyByte, MINUTE);
    assertThat(store.get(key("bin"))).isEqualTo(everyByte);
    assertThat(store.exists(key("bin"))).isTrue();
  }

  @Test
  void anEmptyValueIsAValueNotAMiss() {
    store.put(key("empty"), new byte[0], MINUTE);
    assertThat(store.get(key("empty"))).isEmpty();
  }

  @Test
  void aPutReplacesTheValueAndItsTtl() {
    store.put(key("k"), bytes("one"), Duration.ofHours(1));
    store.put(key("k"), bytes("two"), MINUTE);
    assertThat(store.get(key("k"))).isEqualTo(bytes("two"));
    assertThat(store.ttl(key("k")))
        .get()
        .satisfies(ttl -> assertThat(ttl).isLessThanOrEqualTo(MINUTE));
  }

  @Test
  void unicodeKeysAreDistinctAndRoundTrip() {
    store.put(key("prix-€"), bytes("euro"), MINUTE);
    store.put(key("prix-$"), bytes("dollar"), MINUTE);
    assertThat(store.get(key("prix-€"))).isEqualTo(bytes("euro"));
    assertThat(store.get(key("prix-$"))).isEqualTo(bytes("dollar"));
  }

  @Test
  void ttlReportsTheRemainingTimeOrNothing() {
    store.put(key("k"), bytes("v"), MINUTE);
    assertThat(store.ttl(key("k")))
        .get()
        .satisfies(
            ttl ->
                assertThat(ttl).isGreaterThan(Duration.ofSeconds(50)).isLessThanOrEqualTo(MINUTE));
    assertThat(store.ttl(key("absent"))).isEmpty();
  }

  @Test
  void expireGivesAKeyANewTtlAndKeepsItsValue() throws InterruptedException {
    store.put(key("k"), bytes("v"), Duration.ofMillis(200));
    assertThat(store.expire(key("k"), MINUTE)).isTrue();
    Thread.sleep(400);
    assertThat(store.get(key("k"))).isEqualTo(bytes("v"));
    assertThat(store.ttl(key("k")))
        .get()
        .satisfies(ttl -> assertThat(ttl).isGreaterThan(Duration.ofSeconds(50)));
    assertThat(store.expire(key("absent"), MINUTE)).isFalse();
    assertThat(store.exists(key("absent"))).isFalse();
  }

  @Test
  void entriesExpireAfterTheirTtl() throws InterruptedException {
    store.put(key("short"), bytes("v"), Duration.ofMillis(50));
    store.put(key("long"), bytes("v"), MINUTE);
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (store.get(key("short")) != null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(store.get(key("short"))).isNull();
    assertThat(store.get(key("long"))).isNotNull();
  }

  @Test
  void aTtlMustBePositive() {
    assertThatThrownBy(() -> store.put(key("k"), bytes("v"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(key("k"), bytes("v"), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.exists(key("k"))).isFalse();
  }

  @Test
  void getAllReturnsOnlyThePresentKeys() {
    store.put(key("a"), bytes("A"), MINUTE);
    store.put(key("c"), bytes("C"), MINUTE);
    Map<String, byte[]> found = store.getAll(List.of(key("a"), key("b"), key("c")));
    assertThat(found).containsOnlyKeys(key("a"), key("c"));
    assertThat(found.get(key("a"))).isEqualTo(bytes("A"));
    assertThat(found.get(key("c"))).isEqualTo(bytes("C"));
    assertThat(store.getAll(List.of())).isEmpty();
  }

  @Test
  void putAllStoresEveryEntryWithTheTtl() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    IntStream.range(0, 50).forEach(i -> entries.put(key("bulk" + i), bytes("v" + i)));
    store.putAll(entries, MINUTE);
    Map<String, byte[]> found = store.getAll(entries.keySet());
    assertThat(found).hasSize(50);
    assertThat(found.get(key("bulk7"))).isEqualTo(bytes("v7"));
    assertThat(store.ttl(key("bulk49"))).get().satisfies(ttl -> assertThat(ttl).isPositive());
  }

  @Test
  void putIfAbsentStoresOnlyTheFirstValue() {
    assertThat(store.putIfAbsent(key("lock"), bytes("first"), MINUTE)).isTrue();
    assertThat(store.putIfAbsent(key("lock"), bytes("second"), MINUTE)).isFalse();
    assertThat(store.get(key("lock"))).isEqualTo(bytes("first"));
  }

  @Test
  void deleteIfEqualsReleasesOnlyTheHoldersLock() {
    store.putIfAbsent(key("lock"), bytes("token-1"), MINUTE);
    assertThat(store.deleteIfEquals(key("lock"), bytes("token-2"))).isFalse();
    assertThat(store.exists(key("lock"))).isTrue();
    assertThat(store.deleteIfEquals(key("lock"), bytes("token-1"))).isTrue();
    assertThat(store.exists(key("lock"))).isFalse();
    assertThat(store.deleteIfEquals(key("lock"), bytes("token-1"))).isFalse();
  }

  @Test
  void deleteSaysWhetherTheKeyExisted() {
    store.put(key("k"), bytes("v"), MINUTE);
    assertThat(store.delete(key("k"))).isTrue();
    assertThat(store.delete(key("k"))).isFalse();
    assertThat(store.get(key("k"))).isNull();
  }

  @Test
  void deleteAllCountsTheKeysThatExisted() {
    store.put(key("a"), bytes("A"), MINUTE);
    store.put(key("b"), bytes("B"), MINUTE);
    assertThat(store.deleteAll(List.of(key("a"), key("b"), key("c")))).isEqualTo(2);
    assertThat(store.exists(key("a"))).isFalse();
    assertThat(store.deleteAll(List.of())).isZero();
  }

  @Test
  void incrementCountsFromZeroAndReadsBackAsDigits() {
    assertThat(store.increment(key("n"), 1)).isEqualTo(1);
    assertThat(store.increment(key("n"), 41)).isEqualTo(42);
    assertThat(store.increment(key("n"), -2)).isEqualTo(40);
    assertThat(store.get(key("n"))).isEqualTo(bytes("40"));
    assertThat(store.ttl(key("n"))).contains(CacheStore.NO_EXPIRY);
  }

  @Test
  void incrementingSomethingThatIsNotANumberFails() {
    store.put(key("text"), bytes("abc"), MINUTE);
    assertThatThrownBy(() -> store.increment(key("text"), 1)).isInstanceOf(StoreException.class);
    assertThat(store.get(key("text"))).isEqualTo(bytes("abc"));
  }

  @Test
  void setsCollectMembersAndOnlyEverExtendTheirTtl() {
    store.addToSet(key("tag"), List.of("a", "b"), Duration.ofHours(1));
    store.addToSet(key("tag"), List.of("b", "c"), MINUTE);
    assertThat(store.setMembers(key("tag"))).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(store.ttl(key("tag")))
        .get()
        .satisfies(ttl -> assertThat(ttl).isGreaterThan(Duration.ofMinutes(59)));
    assertThat(store.setMembers(key("no-tag"))).isEmpty();
  }

  @Test
  void readingAValueOfTheWrongKindFails() {
    store.addToSet(key("tag"), List.of("a"), MINUTE);
    assertThatThrownBy(() -> store.get(key("tag"))).isInstanceOf(StoreException.class);
    store.put(key("value"), bytes("v"), MINUTE);
    assertThatThrownBy(() -> store.setMembers(key("value"))).isInstanceOf(StoreException.class);
  }

  @Test
  void clearDeletesExactlyTheMatchingKeys() {
    IntStream.range(0, 300).forEach(i -> store.put(key("users:" + i), bytes("u"), MINUTE));
    store.put(key("orders:1"), bytes("o"), MINUTE);
    assertThat(store.clear(Glob.escape(key("users:")) + "*")).isEqualTo(300);
    assertThat(store.exists(key("users:7"))).isFalse();
    assertThat(store.exists(key("orders:1"))).isTrue();
  }

  @Test
  void aClearOfThousandsOfKeysTakesEveryMatchingKeyOverManyStepsAndNothingElse() {
    Map<String, byte[]> matching = new LinkedHashMap<>();
    Map<String, byte[]> others = new LinkedHashMap<>();
    for (int i = 0; i < 5_000; i++) {
      matching.put(key("bulk:" + i), bytes("m"));
      others.put(key("bulky:" + i), bytes("o"));
    }
    store.putAll(matching, MINUTE);
    store.putAll(others, MINUTE);

    assertThat(store.clear(Glob.escape(key("bulk:")) + "*")).isEqualTo(5_000);

    assertThat(store.getAll(matching.keySet())).isEmpty();
    assertThat(store.getAll(others.keySet())).hasSize(5_000);
  }

  @Test
  void anEscapedPatternMatchesOnlyTheLiteralKey() {
    store.put(key("a*"), bytes("star"), MINUTE);
    store.put(key("ab"), bytes("b"), MINUTE);
    store.put(key("a?[x]"), bytes("q"), MINUTE);
    assertThat(store.clear(Glob.escape(key("a*")))).isEqualTo(1);
    assertThat(store.exists(key("ab"))).isTrue();
    assertThat(store.clear(Glob.escape(key("a?[x]")))).isEqualTo(1);
    assertThat(store.exists(key("ab"))).isTrue();
  }

  @Test
  void scanPagesVisitEveryMatchingKey() {
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 250; i++) {
      store.put(key("page:" + i), bytes("v"), MINUTE);
      expected.add(key("page:" + i));
    }
    store.put(key("other"), bytes("v"), MINUTE);
    List<ScanPage> pages = scanAll(Glob.escape(key("page:")) + "*", 20);
    Set<String> seen = new HashSet<>();
    pages.forEach(page -> seen.addAll(page.storeKeys()));
    assertThat(seen).isEqualTo(expected);
    assertThat(pages).hasSizeGreaterThan(1);
  }

  @Test
  void pingMeasuresARoundTripAndHealthIsUp() {
    assertThat(store.ping().isNegative()).isFalse();
    StoreHealth health = store.health();
    assertThat(health.status()).isEqualTo(StoreHealth.Status.UP);
    assertThat(health.backend()).isEqualTo(store.backend());
  }
}
