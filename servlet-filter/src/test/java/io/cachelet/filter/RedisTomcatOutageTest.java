package io.cachelet.filter;

import io.cachelet.testing.RedisServer;

/** Redis killed under load, on Tomcat. */
class RedisTomcatOutageTest extends RedisOutageContract {

  RedisTomcatOutageTest(RedisServer redis) {
    super(redis);
  }

  @Override
  TestContainer newContainer() {
    return new TomcatContainer();
  }
}
