package io.cachelet.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.StoreMemory;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory figures behind the memory gauges and alert, read from a real redis-server with and
 * without {@code maxmemory}, and through an outage of it.
 */
@RedisTest(ownServer = true)
class RedisMemoryTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final RedisServer redis;

  RedisMemoryTest(RedisServer redis) {
    this.redis = redis;
  }

  @AfterEach
  void emptyServerWithoutALimit() {
    redis.restart();
  }

  private CacheletConfig config() {
    return CacheletConfig.builder()
        .redisUrl(redis.url())
        .healthMemoryInterval(Duration.ofMillis(100))
        .breakerOpenDuration(Duration.ofMillis(200))
        .build();
  }

  @Test
  void withoutMaxmemoryTheStoreReportsWhatItUsesAndNoLimit() {
    try (RedisStore store = RedisStore.connect(config())) {
      StoreMemory memory = store.memory().orElseThrow();

      assertThat(memory.usedBytes()).isPositive();
      assertThat(memory.maxBytes()).isZero();
      assertThat(memory.limited()).isFalse();
    }
  }

  @Test
  void withMaxmemoryItReportsTheLimitAndTheKeysRedisEvicted() {
    redis.command("CONFIG", "SET", "maxmemory", "4mb");
    redis.command("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
    try (RedisStore store = RedisStore.connect(config())) {
      byte[] value = new byte[10_000];
      for (int i = 0; i < 1_000; i++) { // 10 MB into 4
        store.put("memory-test:" + i, value, Duration.ofHours(1));
      }

      StoreMemory memory = store.memory().orElseThrow();

      assertThat(memory.maxBytes()).isEqualTo(4L * 1024 * 1024);
      assertThat(memory.usedRatio()).isBetween(0.5, 1.1);
      assertThat(memory.evictedKeys()).isPositive();
    }
  }

  @Test
  void whileRedisIsDownTheFiguresAreUnknownNotStaleAndTheyComeBackWithIt() {
    try (Cachelet cachelet = Cachelet.create(config())) {
      await("a first sample", () -> cachelet.memory().isPresent());

      redis.stop();
      await("the figures to be forgotten", () -> cachelet.memory().isEmpty());
      redis.restart();
      await("a sample after the restart", () -> cachelet.memory().isPresent());

      Optional<StoreMemory> memory = cachelet.memory();
      assertThat(memory.orElseThrow().usedBytes()).isPositive();
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
