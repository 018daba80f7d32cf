package io.cachelet.filter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.codec.EncryptionKey;
import io.cachelet.codec.EntryCipher;
import io.cachelet.config.CacheletConfig;
import io.cachelet.config.ConfigException;
import io.cachelet.store.CacheStore;
import io.cachelet.store.ScanPage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routes with {@code encrypt=true} in a real container: the stored bytes hold no plaintext, a hit
 * is byte-identical, and an entry that fails to open is a counted miss answered by the origin.
 * Every instance of a test shares one store, as instances share one Redis.
 */
abstract class EncryptedRouteContract {

  static final String K1 = "k1:" + randomKey();
  static final String K2 = "k2:" + randomKey();

  private final String prefix = "e" + UUID.randomUUID().toString().substring(0, 8);
  private final OriginServlet origin = new OriginServlet();
  private final List<TestContainer> containers = new ArrayList<>();
  private final Set<String> stored = ConcurrentHashMap.newKeySet();
  private final HttpClient client = HttpClient.newHttpClient();
  private CacheStore store;

  /** A new store on this suite's backend. */
  abstract CacheStore newStore(CacheletConfig config);

  /** A configuration on this suite's backend. */
  abstract CacheletConfig.Builder config();

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @AfterEach
  void stop() throws Exception {
    for (TestContainer container : containers) {
      container.stop();
    }
    if (store != null) {
      store.close();
    }
  }

  /**
   * One application instance with {@code keys}, routes {@code sec} (encrypted) and {@code open}.
   */
  private Instance instance(String keys) throws Exception {
    CacheletConfig config = config().keyPrefix(prefix).encryptionKeys(keys).build();
    if (store == null) {
      store = newStore(config);
    }
    Cachelet cachelet = Cachelet.create(config, store, Clock.systemUTC());
    RouteRules rules = routes("sec /sec/** ttl=60s encrypt=true\nopen /open/** ttl=60s");
    ResponseCacheFilter filter = new ResponseCacheFilter(rules, cachelet, Clock.systemUTC());
    JettyContainer container = new JettyContainer();
    containers.add(container);
    URI base =
        container.start(
            List.of(filter),
            Map.of(
                "/*", origin, "/admin/cache/*", new CacheAdminServlet(filter, AdminAccess.open())));
    filter.onStored(stored::add);
    return new Instance(base, filter);
  }

  /** Routes written in the grammar of the {@code routes} init-param. */
  private static RouteRules routes(String text) {
    RouteRules.Builder rules = RouteRules.builder();
    RouteGrammar.parseRoutes(text, "routes", rules);
    return rules.build();
  }

  private record Instance(URI base, ResponseCacheFilter filter) {
    long decryptFailures() {
      return filter.decryptFailures().getOrDefault("sec", 0L);
    }
  }

  private HttpResponse<byte[]> get(Instance instance, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(instance.base() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Gets {@code path} and waits until the filter has stored its response. */
  private HttpResponse<byte[]> getStored(Instance instance, String path) throws Exception {
    stored.remove(path);
    HttpResponse<byte[]> response = get(instance, path);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!stored.contains(path) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(stored).contains(path);
    return response;
  }

  /** The store keys of {@code route}'s entries (not its indexes). */
  private List<String> entryKeys(String route) {
    List<String> keys = new ArrayList<>();
    String cursor = ScanPage.START;
    do {
      ScanPage page = store.scan(prefix + ":http:" + route + ":*", cursor, 100);
      page.storeKeys().stream().filter(k -> !k.contains(":~")).forEach(keys::add);
      cursor = page.cursor();
    } while (!cursor.equals(ScanPage.START));
    return keys;
  }

  private static String xCache(HttpResponse<?> response) {
    return response.headers().firstValue("X-Cache").orElse("");
  }

  @Test
  void theStoredBytesHoldNoPlaintextAndAHitIsByteIdentical() throws Exception {
    Instance app = instance(K1);
    HttpResponse<byte[]> miss = getStored(app, "/sec/length");
    getStored(app, "/open/length");
    String open = entryKeys("open").get(0);
    assertThat(new String(store.get(open), UTF_8))
        .as("the unencrypted route, for contrast")
        .contains("text/plain");
    assertThat(new String(store.get(HttpStore.bodyKey(open)), UTF_8)).contains("sized body");
    String sealed = entryKeys("sec").get(0);
    for (String key : List.of(sealed, HttpStore.bodyKey(sealed))) {
      assertThat(new String(store.get(key), UTF_8))
          .as(key)
          .doesNotContain("sized body")
          .doesNotContain("text/plain");
    }
    HttpResponse<byte[]> hit = get(app, "/sec/length");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.body()).isEqualTo(miss.body()).isEqualTo("sized body".getBytes(UTF_8));
    assertThat(origin.calls("/sec/length")).isEqualTo(1);
  }

  @Test
  void theAdminKeyViewSaysEncryptedAndShowsNoPlaintext() throws Exception {
    Instance app = instance(K1);
    getStored(app, "/sec/length");
    String key = entryKeys("sec").get(0);
    HttpResponse<byte[]> view =
        get(app, "/admin/cache/keys/" + URLEncoder.encode(key, UTF_8).replace("+", "%20"));
    String body = new String(view.body(), UTF_8);
    assertThat(view.statusCode()).as(body).isEqualTo(200);
    assertThat(body).contains("\"encrypted\":true").doesNotContain("sized body");
    HttpResponse<byte[]> stats = get(app, "/admin/cache/stats");
    assertThat(new String(stats.body(), UTF_8)).contains("\"decryptFailures\":0");
  }

  @Test
  void aChangedByteIsACountedMissAndTheOriginsAnswerIsServedAndStoredAgain() throws Exception {
    Instance app = instance(K1);
    getStored(app, "/sec/length");
    String key = entryKeys("sec").get(0);
    byte[] bytes = store.get(key);
    bytes[bytes.length / 2] ^= 1;
    store.put(key, bytes, Duration.ofMinutes(1));
    HttpResponse<byte[]> answer = getStored(app, "/sec/length");
    assertThat(xCache(answer)).isEqualTo("MISS");
    assertThat(answer.body()).isEqualTo("sized body".getBytes(UTF_8));
    assertThat(app.decryptFailures()).isEqualTo(1);
    assertThat(xCache(get(app, "/sec/length"))).isEqualTo("HIT");
    assertThat(origin.calls("/sec/length")).isEqualTo(2);
  }

  @Test
  void swappedEntriesAreCountedMissesNeverServedForTheOtherUrl() throws Exception {
    Instance app = instance(K1);
    getStored(app, "/sec/length?a");
    getStored(app, "/sec/flush");
    List<String> keys = entryKeys("sec");
    assertThat(keys).hasSize(2);
    byte[] first = store.get(keys.get(0));
    byte[] second = store.get(keys.get(1));
    store.put(keys.get(0), second, Duration.ofMinutes(1));
    store.put(keys.get(1), first, Duration.ofMinutes(1));
    HttpResponse<byte[]> length = get(app, "/sec/length?a");
    HttpResponse<byte[]> flush = get(app, "/sec/flush");
    assertThat(xCache(length)).isEqualTo("MISS");
    assertThat(xCache(flush)).isEqualTo("MISS");
    assertThat(new String(length.body(), UTF_8)).isEqualTo("sized body");
    assertThat(new String(flush.body(), UTF_8)).isEqualTo("part one, part two");
    assertThat(app.decryptFailures()).isEqualTo(2);
  }

  /** The cipher of {@code keys}, as another instance configured with them would hold. */
  private static EntryCipher cipher(String... keys) {
    List<EncryptionKey> parsed = new ArrayList<>();
    for (String key : keys) {
      String[] parts = key.split(":", 2);
      parsed.add(EncryptionKey.of(parts[0], Base64.getDecoder().decode(parts[1])));
    }
    return EntryCipher.of(parsed);
  }

  /** Replaces the entry under {@code key} with the same entry sealed by {@code writer}. */
  private void resealWith(EntryCipher reader, EntryCipher writer, String key) {
    byte[] plain = reader.open(key, store.get(key));
    store.put(key, writer.seal(key, plain), Duration.ofMinutes(1));
  }

  @Test
  void anEntryWrittenWithAnotherKeyIsACountedMissServedByTheOrigin() throws Exception {
    Instance app = instance(K1);
    getStored(app, "/sec/length");
    String key = entryKeys("sec").get(0);
    resealWith(cipher(K1), cipher(K2), key);
    HttpResponse<byte[]> answer = get(app, "/sec/length");
    assertThat(xCache(answer)).isEqualTo("MISS");
    assertThat(answer.body()).isEqualTo("sized body".getBytes(UTF_8));
    assertThat(app.decryptFailures()).isEqualTo(1);
  }

  @Test
  void afterARotationEntriesOfTheOldKeyStillHitAndNewOnesUseTheNewKey() throws Exception {
    Instance rotated = instance(K2 + "," + K1);
    getStored(rotated, "/sec/length");
    String key = entryKeys("sec").get(0);
    assertThat(new String(store.get(key), 3, 2, UTF_8))
        .as("the key id sealed with")
        .isEqualTo("k2");
    // as written by an instance still on k1 alone
    resealWith(cipher(K2), cipher(K1), key);
    assertThat(xCache(get(rotated, "/sec/length"))).isEqualTo("HIT");
    assertThat(rotated.decryptFailures()).isZero();
    assertThat(origin.calls("/sec/length")).isEqualTo(1);
  }

  @Test
  void anEncryptedRouteWithoutAKeyStopsStartUpNamingTheSetting() {
    CacheletConfig config = config().keyPrefix(prefix).build();
    store = newStore(config);
    Cachelet cachelet = Cachelet.create(config, store, Clock.systemUTC());
    RouteRules rules = routes("sec /sec/** encrypt=true");
    ResponseCacheFilter filter = new ResponseCacheFilter(rules, cachelet, Clock.systemUTC());
    JettyContainer container = new JettyContainer();
    containers.add(container);
    Assertions.assertThatThrownBy(() -> container.start(origin, filter))
        .hasStackTraceContaining(ConfigException.class.getSimpleName())
        .hasStackTraceContaining("CACHELET_ENCRYPTION_KEYS")
        .hasStackTraceContaining("route 'sec'");
  }
}
