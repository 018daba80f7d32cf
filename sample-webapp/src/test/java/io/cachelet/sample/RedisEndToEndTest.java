package io.cachelet.sample;

import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/** The sample on a real Redis. */
@RedisTest
class RedisEndToEndTest extends AdminEndToEndContract {

  @BeforeAll
  void startOnRedis(RedisServer redis) throws StartupException {
    start(Optional.of(redis.url()), "sample-redis-e2e");
  }
}
