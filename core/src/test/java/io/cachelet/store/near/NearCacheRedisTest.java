package io.cachelet.store.near;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.store.NearCacheStats;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of an application, each with its near cache, on one real Redis server of the
 * class's own: what one writes, the other stops serving within the invalidation lag.
 */
@RedisTest(ownServer = true)
class NearCacheRedisTest {

  private static final Duration CAP = Duration.ofMillis(800);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final RedisServer redis;
  private NearCacheStore a;
  private NearCacheStore b;
  private String ns;

  NearCacheRedisTest(RedisServer redis) {
    this.redis = redis;
  }

  /** One instance: pub/sub invalidation, or the server-assisted mode with {@code tracking}. */
  private NearCacheStore instance(boolean tracking, Duration cap) {
    CacheletConfig config =
        CacheletConfig.builder()
            .redisUrl(redis.url())
            .nearCacheEnabled(true)
            .nearCacheTracking(tracking)
            .nearCacheTtlCap(cap)
            .breakerOpenDuration(Duration.ofMillis(200))
            .build();
    CacheStore store = CacheStores.create(config);
    assertThat(store).isInstanceOf(NearCacheStore.class);
    return (NearCacheStore) store;
  }

  /** Two instances; the server-assisted mode's b replaces the pub/sub one. */
  private void instances(boolean tracking, Duration cap) {
    close();
    a = instance(tracking, cap);
    b = instance(tracking, cap);
    await("both subscribed", () -> a.subscribed() && b.subscribed());
  }

  @BeforeEach
  void twoInstances() {
    // under the default key prefix, which is what the server-assisted mode tracks
    ns = CacheletConfig.builder().build().keyPrefix() + ":near:" + UUID.randomUUID() + ":";
    instances(false, CAP);
  }

  @AfterEach
  void close() {
    if (a != null) {
      a.close();
      b.close();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + PATIENCE + ": " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for: " + what, e);
      }
    }
  }

  /**
   * Writes through a and waits until b has applied a's invalidation, so that b's next read keeps
   * its copy: a read racing with an invalidation of its key rightly keeps none.
   */
  private void putOnA(String key, String value) {
    long applied = b.stats().invalidations();
    a.put(key, bytes(value), HOUR);
    await("b applied a's invalidation", () -> b.stats().invalidations() > applied);
  }

  @Test
  void aWriteOnOneInstanceStopsBeingServedByTheOtherWithinTheLag() {
    List<Long> lagsMicros = new ArrayList<>();
    int disturbances = 0;
    for (int i = 0; i < 300; i++) {
      String key = ns + "k" + i;
      putOnA(key, "old");
      long resyncs = b.stats().resyncs();
      long failures = b.failures();
      assertThat(b.get(key)).isEqualTo(bytes("old"));
      boolean kept = b.holdsLocally(key);
      long hits = b.stats().hits();
      assertThat(b.get(key)).isEqualTo(bytes("old"));
      boolean disturbed = !kept || b.stats().resyncs() != resyncs || b.failures() != failures;
      if (disturbed && disturbances++ < 10) {
        // on a loaded host a call timed out (no copy is kept from a read whose TTL is unknown),
        // the read raced a late invalidation (and rightly kept nothing), or b's subscription
        // reconnected and rightly dropped every copy: measure again
        i--;
        continue;
      }
      assertThat(b.stats().hits()).as("b serves its copy").isEqualTo(hits + 1);

      long written = System.nanoTime();
      a.put(key, bytes("new"), HOUR);
      // spin rather than sleep: the lag is tens of microseconds, a sleep is a millisecond or more
      while (b.holdsLocally(key)) {
        assertThat(System.nanoTime() - written).as("lag").isLessThan(PATIENCE.toNanos());
        Thread.onSpinWait();
      }
      lagsMicros.add((System.nanoTime() - written) / 1000);
      assertThat(b.get(key)).isEqualTo(bytes("new"));
    }
    Collections.sort(lagsMicros);
    long p50 = lagsMicros.get(lagsMicros.size() / 2);
    long p99 = lagsMicros.get((int) Math.ceil(lagsMicros.size() * 0.99) - 1);
    System.out.printf(
        "near-cache invalidation lag (writer's put called -> reader's copy gone) over %d"
            + " writes: p50 %d us, p99 %d us, max %d us%n",
        lagsMicros.size(), p50, p99, lagsMicros.get(lagsMicros.size() - 1));
    // generous: the cap is the bound the design promises; the measured lag is far below it
    assertThat(Duration.ofNanos(p99 * 1000)).isLessThan(CAP);
  }

  @Test
  void eachInvalidationFromAnotherInstanceReportsHowLongAfterTheWriteItArrived() {
    NearCacheStats before = b.stats();
    long started = System.nanoTime();

    putOnA(ns + "lagged", "v");

    long elapsed = System.nanoTime() - started;
    NearCacheStats after = b.stats();
    assertThat(after.lagged()).isEqualTo(before.lagged() + 1);
    // both instances read one clock here, so the lag is at most the time the write took to arrive
    Duration lag = after.lagTotal().minus(before.lagTotal());
    assertThat(lag.toNanos()).isBetween(0L, elapsed + Duration.ofMillis(1).toNanos());
  }

  @Test
  void cuttingTheSubscriptionDropsEveryLocalCopyOnceItIsBack() {
    String key = ns + "cut";
    putOnA(key, "v");
    b.get(key);
    assertThat(b.holdsLocally(key)).isTrue();
    long resyncs = b.stats().resyncs();

    redis.command("CLIENT", "KILL", "TYPE", "pubsub");

    await("b resubscribed and resynced", () -> b.stats().resyncs() > resyncs && b.subscribed());
    assertThat(b.holdsLocally(key)).isFalse();
    // and invalidations flow again
    b.get(key);
    a.put(key, bytes("after"), HOUR);
    await("b drops its copy after the reconnection", () -> !b.holdsLocally(key));
    assertThat(b.get(key)).isEqualTo(bytes("after"));
  }

  @Test
  void aValueDeletedBehindCacheletsBackIsNeverServedLongerThanTheCap() {
    String key = ns + "foreign";
    putOnA(key, "v");
    assertThat(b.get(key)).isEqualTo(bytes("v"));

    redis.command("DEL", key); // a program that doesn't use Cachelet: nobody is told
    long deleted = System.nanoTime();

    byte[] seen;
    do {
      long asked = System.nanoTime();
      seen = b.get(key);
      if (seen != null) {
        // the copy was taken before the delete, so it can only be served while asked < delete + cap
        assertThat(Duration.ofNanos(asked - deleted)).isLessThanOrEqualTo(CAP);
      }
    } while (seen != null && System.nanoTime() - deleted < PATIENCE.toNanos());
    assertThat(seen).isNull();
  }

  @Test
  void whileRedisIsDownCopiesAreServedWithinTheirCapAndDroppedWhenItIsBack() {
    String key = ns + "outage";
    putOnA(key, "v");
    assertThat(b.get(key)).isEqualTo(bytes("v"));

    redis.stop();
    try {
      assertThat(b.get(key)).isEqualTo(bytes("v"));
      long stopped = System.nanoTime();
      await("b's copy expires at the cap", () -> b.get(key) == null);
      assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(PATIENCE);
    } finally {
      redis.restart();
    }
    long resyncs = b.stats().resyncs();
    await("b resubscribed", () -> b.subscribed() && b.stats().resyncs() > resyncs);
  }

  /** b reads {@code key} until it holds a copy: a read racing a report of the key keeps none. */
  private void bHoldsACopyOf(String key) {
    await("b keeps a copy of " + key, () -> b.get(key) != null && b.holdsLocally(key));
  }

  @Test
  void withServerTrackingAWriteByAProgramThatDoesNotUseCacheletDropsTheCopy() {
    instances(true, HOUR); // so that only a report from Redis can make the copy go
    String key = ns + "foreign";
    a.put(key, bytes("v1"), HOUR);
    bHoldsACopyOf(key);
    a.put(key, bytes("v2"), HOUR);
    await("b drops its copy after a's write", () -> !b.holdsLocally(key));
    bHoldsACopyOf(key);

    redis.command("SET", key, "written-elsewhere");

    await("b drops its copy after the foreign write", () -> !b.holdsLocally(key));
    assertThat(b.get(key)).isEqualTo(bytes("written-elsewhere"));
  }

  @Test
  void withServerTrackingAFlushDropsEveryCopy() {
    instances(true, HOUR);
    String key = ns + "flushed";
    a.put(key, bytes("v"), HOUR);
    bHoldsACopyOf(key);
    long resyncs = b.stats().resyncs();

    redis.command("FLUSHALL");

    await("b resyncs", () -> b.stats().resyncs() > resyncs);
    assertThat(b.stats().lagged()).as("a server's report carries no time").isZero();
    assertThat(b.holdsLocally(key)).isFalse();
    assertThat(b.get(key)).isNull();
  }
}
