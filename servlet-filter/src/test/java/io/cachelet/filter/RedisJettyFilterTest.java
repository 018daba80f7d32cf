package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import io.cachelet.testing.TestClock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The filter suite on Jetty, storing in a real Redis behind the resilient store. */
@RedisTest
class RedisJettyFilterTest extends ResponseCacheFilterContract {

  private final RedisServer redis;

  RedisJettyFilterTest(RedisServer redis) {
    this.redis = redis;
  }

  @Override
  TestContainer newContainer() {
    return new JettyContainer();
  }

  /**
   * The bytes that reach Redis, measured by Redis itself: a renewal sends the head, a few hundred
   * bytes, where a refill (and the first store) sends the 32 KiB body again.
   */
  @Test
  void aRenewalSendsRedisTheHeadNotTheBody() throws Exception {
    long before = inputBytes();
    getStored("/r/validated");
    long firstStore = inputBytes() - before;
    clock.advance(TTL.plusSeconds(1));
    stored.remove(path("/r/validated"));
    long beforeRenewal = inputBytes();
    assertThat(xCache(get("/r/validated"))).isEqualTo("REVALIDATED");
    awaitStored("/r/validated");
    long renewal = inputBytes() - beforeRenewal;
    System.out.printf(
        "bytes received by Redis: first store %d, renewal on a 304 %d%n", firstStore, renewal);
    assertThat(firstStore).isGreaterThan(32 << 10);
    assertThat(renewal).isLessThan(4 << 10);
  }

  private long inputBytes() {
    Matcher matcher =
        Pattern.compile("total_net_input_bytes:(\\d+)").matcher(redis.command("INFO", "stats"));
    assertThat(matcher.find()).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  @Override
  CacheStore newStore(CacheletConfig config, TestClock clock) {
    return CacheStores.create(onRedis(config).redisUrl(redis.url()).build());
  }
}
