package io.cachelet.filter;

import io.cachelet.testing.RedisServer;

/** Redis killed under load, on Jetty. */
class RedisJettyOutageTest extends RedisOutageContract {

  RedisJettyOutageTest(RedisServer redis) {
    super(redis);
  }

  @Override
  TestContainer newContainer() {
    return new JettyContainer();
  }
}
