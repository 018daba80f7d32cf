package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.near.NearCacheStore;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The filter with the near cache on, assembled as an application does it ({@link
 * Cachelet#create(CacheletConfig)} with {@code near-cache.enabled=true}) on real Jetty over a real
 * {@code redis-server} of its own, counting the reads Redis itself reports ({@code INFO
 * commandstats}).
 *
 * <p>The filter reads an entry's head and body with one {@code getAll}. Right after this instance
 * stored an entry its near cache holds both values anyway, since a {@code put} keeps a copy of what
 * it writes: hits then stay local whether or not {@code getAll} keeps copies. So each test makes
 * the near cache read the entry from Redis first, as it must once the copies a write kept are gone
 * (after the TTL cap, on a resync, after an outage) or on an instance that never wrote the entry;
 * before {@code getAll} kept copies of what it read, every such hit was an {@code MGET}.
 */
@RedisTest(ownServer = true)
class NearCacheJettyFilterTest {

  private static final int HITS = 200;

  private final RedisServer redis;
  private final OriginServlet origin = new OriginServlet();
  private final HttpClient client = ResponseCacheFilterContract.http11Client();
  private final String prefix = "near" + Long.toHexString(ThreadLocalRandom.current().nextLong());
  private final List<Cachelet> cachelets = new ArrayList<>();
  private final Set<String> stored = ConcurrentHashMap.newKeySet();
  private final JettyContainer jetty = new JettyContainer();

  NearCacheJettyFilterTest(RedisServer redis) {
    this.redis = redis;
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    cachelets.forEach(Cachelet::close);
  }

  @Test
  void hitsAfterTheNearCacheDroppedItsCopiesRefillItInsteadOfAskingRedisEveryTime()
      throws Exception {
    ResponseCacheFilter filter = filter();
    URI app = jetty.start(origin, filter);
    String path = "/r/writer?t=refill";
    fill(app, path);
    NearCacheStore near = near(cachelets.get(0));
    assertThat(near.stats().size()).isPositive(); // the write kept copies of what it stored
    // a resync drops them at once; in the HTTP bench the 5 s TTL cap ended them during warm-up
    near.clearLocal();

    long reads = reads();
    long allowed = readsAllowedFor(app, path);

    assertThat(report("after a resync", reads() - reads)).isLessThanOrEqualTo(allowed);
    assertThat(origin.calls(path)).isEqualTo(1);
  }

  @Test
  void anotherInstancesHitsOnAnEntryItDidNotStoreAreAnsweredFromItsNearCache() throws Exception {
    ResponseCacheFilter writer = filter();
    ResponseCacheFilter reader = filter();
    List<URI> apps = jetty.start(origin, List.of(List.of(writer), List.of(reader)));
    String path = "/r/writer?t=other-instance";
    fill(apps.get(0), path);

    long reads = reads();
    long allowed = readsAllowedFor(apps.get(1), path);

    assertThat(report("on another instance", reads() - reads)).isLessThanOrEqualTo(allowed);
    assertThat(origin.calls(path)).isEqualTo(1);
  }

  /** A filter on a Cachelet of its own with the near cache on, over the shared Redis. */
  private ResponseCacheFilter filter() {
    Cachelet cachelet =
        Cachelet.create(
            CacheletConfig.builder()
                .redisUrl(redis.url())
                .keyPrefix(prefix)
                .nearCacheEnabled(true)
                .build());
    cachelets.add(cachelet);
    RouteRules rules =
        RouteRules.builder().route("r", "/r/**", r -> r.ttl(Duration.ofMinutes(1))).build();
    ResponseCacheFilter filter = new ResponseCacheFilter(rules, cachelet);
    filter.whenStarted(started -> started.onStored(stored::add));
    return filter;
  }

  private static NearCacheStore near(Cachelet cachelet) {
    assertThat(cachelet.store()).isInstanceOf(NearCacheStore.class);
    return (NearCacheStore) cachelet.store();
  }

  /** A miss whose entry is in Redis when this returns (the filter writes after responding). */
  private void fill(URI app, String path) throws Exception {
    assertThat(xCache(get(app, path))).isEqualTo("MISS");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!stored.contains(path) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(stored).contains(path);
  }

  /**
   * Sends the hits, checking each, and returns how many reads of Redis they may still make: the
   * first hit's {@code MGET} of the entry, and the generation counters' {@code MGET}, made at most
   * once per {@link Cache#GENERATION_REFRESH} (counters never bumped are absent, so not copied).
   */
  private long readsAllowedFor(URI app, String path) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < HITS; i++) {
      HttpResponse<byte[]> hit = get(app, path);
      assertThat(xCache(hit)).isEqualTo("HIT");
      assertThat(hit.body()).isEqualTo(OriginServlet.TEXT.getBytes(StandardCharsets.UTF_8));
    }
    long took = System.nanoTime() - start;
    return 2 + took / Cache.GENERATION_REFRESH.toNanos();
  }

  private static long report(String when, long reads) {
    System.out.printf(
        "GET and MGET calls in Redis for %d near-cache hits %s: %d%n", HITS, when, reads);
    return reads;
  }

  private HttpResponse<byte[]> get(URI app, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(app + path)).timeout(Duration.ofSeconds(30)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String xCache(HttpResponse<?> response) {
    return response.headers().firstValue("X-Cache").orElse("");
  }

  private static final Pattern READ_CALLS =
      Pattern.compile("^cmdstat_(?:get|mget):calls=(\\d+)", Pattern.MULTILINE);

  /** The GET and MGET calls Redis has answered so far, by its own count. */
  private long reads() {
    Matcher matcher = READ_CALLS.matcher(redis.command("INFO", "commandstats"));
    long calls = 0;
    while (matcher.find()) {
      calls += Long.parseLong(matcher.group(1));
    }
    return calls;
  }
}
