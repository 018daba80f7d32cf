package io.cachelet.cdi;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The entry point on the test's Redis, configured by the test before the container starts. */
@ApplicationScoped
@Alternative
@Priority(1)
public class RedisCacheletProducer {

  static volatile CacheletConfig config;

  @Produces
  @Singleton
  Cachelet cachelet() {
    return Cachelet.create(config);
  }
}
