package io.cachelet.method;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.annotation.Cacheable;
import io.cachelet.cache.Cache;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.ScanPage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Encrypted method caches on a store: what is stored holds no plaintext, hits decrypt to the same
 * value, and an entry that fails to open is a counted miss answered by the method. Run against
 * every store by a subclass.
 */
abstract class EncryptedMethodCacheContract {

  /** The annotated service: its answers are a secret recognisable in the stored bytes. */
  public static class Records {
    final AtomicInteger calls = new AtomicInteger();

    @Cacheable(cache = "records", encrypt = true)
    public String record(String id) {
      calls.incrementAndGet();
      return "customer " + id + " card 4111-1111-1111-" + id;
    }

    @Cacheable(cache = "plain")
    public String plain(String id) {
      calls.incrementAndGet();
      return "public " + id;
    }
  }

  static final String K1 = "k1:" + randomKey();
  static final String K2 = "k2:" + randomKey();

  final String prefix = "e" + UUID.randomUUID().toString().substring(0, 8);
  private final List<AutoCloseable> opened = new ArrayList<>();

  private CacheStore store;

  /** A new store for one test, shared by its application instances. */
  abstract CacheStore openStore();

  final CacheStore store() {
    if (store == null) {
      store = openStore();
    }
    return store;
  }

  /** A configuration on {@link #store()}'s backend, before the keys are set. */
  abstract CacheletConfig.Builder config();

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    if (store != null) {
      store.close();
    }
  }

  /** One application instance with {@code keys}, over the shared store. */
  MethodCache instance(String keys) {
    Cachelet cachelet =
        Cachelet.create(
            config().keyPrefix(prefix).encryptionKeys(keys).build(), store(), Clock.systemUTC());
    MethodCache engine = MethodCache.create(cachelet);
    opened.add(engine);
    return engine;
  }

  private String call(MethodCache engine, Records target, String method, String id) {
    return (String) MethodCacheRedisTest.call(engine, target, method, id);
  }

  /** The keys under {@code cache} and their raw stored values. */
  private List<String> storedKeys(String cache) {
    List<String> found = new ArrayList<>();
    String cursor = ScanPage.START;
    do {
      ScanPage page = store().scan(prefix + ":method:" + cache + ":*", cursor, 100);
      found.addAll(page.storeKeys());
      cursor = page.cursor();
    } while (!cursor.equals(ScanPage.START));
    return found;
  }

  private static long decryptFailures(MethodCache engine, String cache) {
    return engine.cache(cache).stats().decryptFailures();
  }

  @Test
  void theStoredBytesHoldNoPlaintextAndAHitIsTheSameValue() {
    MethodCache engine = instance(K1);
    Records records = new Records();
    String first = call(engine, records, "record", "42");
    String second = call(engine, records, "record", "42");
    assertThat(second).isEqualTo(first);
    assertThat(records.calls).hasValue(1);
    List<String> keys = storedKeys("records");
    assertThat(keys).hasSize(1);
    String raw = new String(store().get(keys.get(0)), UTF_8);
    assertThat(raw).doesNotContain("4111").doesNotContain("customer");
    // an unencrypted cache next to it stays readable as before
    call(engine, records, "plain", "7");
    assertThat(new String(store().get(storedKeys("plain").get(0)), UTF_8)).contains("public 7");
  }

  @Test
  void aChangedByteIsACountedMissAnsweredByTheMethod() {
    MethodCache engine = instance(K1);
    Records records = new Records();
    String value = call(engine, records, "record", "1");
    String key = storedKeys("records").get(0);
    byte[] stored = store().get(key);
    stored[stored.length - 3] ^= 0x40;
    store().put(key, stored, Duration.ofMinutes(5));
    assertThat(call(engine, records, "record", "1")).isEqualTo(value);
    assertThat(records.calls).hasValue(2);
    assertThat(decryptFailures(engine, "records")).isEqualTo(1);
    // the method's answer was stored again and hits
    assertThat(call(engine, records, "record", "1")).isEqualTo(value);
    assertThat(records.calls).hasValue(2);
  }

  @Test
  void twoEntriesSwappedAreCountedMissesNeverServedUnderTheOtherKey() {
    MethodCache engine = instance(K1);
    Records records = new Records();
    String a = call(engine, records, "record", "1");
    String b = call(engine, records, "record", "2");
    List<String> keys = storedKeys("records");
    byte[] first = store().get(keys.get(0));
    byte[] second = store().get(keys.get(1));
    store().put(keys.get(0), second, Duration.ofMinutes(5));
    store().put(keys.get(1), first, Duration.ofMinutes(5));
    assertThat(call(engine, records, "record", "1")).isEqualTo(a);
    assertThat(call(engine, records, "record", "2")).isEqualTo(b);
    assertThat(records.calls).hasValue(4);
    assertThat(decryptFailures(engine, "records")).isEqualTo(2);
  }

  @Test
  void anInstanceWithAnotherKeyCountsAMissAndAnswersFromTheMethod() {
    Records records = new Records();
    String value = call(instance(K1), records, "record", "9");
    MethodCache other = instance(K2);
    assertThat(call(other, records, "record", "9")).isEqualTo(value);
    assertThat(records.calls).hasValue(2);
    assertThat(decryptFailures(other, "records")).isEqualTo(1);
  }

  @Test
  void afterARotationEntriesOfTheOldKeyStillHit() {
    Records records = new Records();
    String value = call(instance(K1), records, "record", "5");
    MethodCache rotated = instance(K2 + "," + K1);
    assertThat(call(rotated, records, "record", "5")).isEqualTo(value);
    assertThat(records.calls).hasValue(1);
    assertThat(decryptFailures(rotated, "records")).isZero();
    Cache cache = rotated.cache("records");
    assertThat(cache.stats().hits()).isEqualTo(1);
  }
}
