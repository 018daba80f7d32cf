package io.cachelet.bench.method;

import io.cachelet.Cachelet;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Gives the CDI path the Cachelet the benchmark built, on the benchmark's Redis. */
@ApplicationScoped
@Alternative
@Priority(1)
public class BenchCacheletProducer {

  static volatile Cachelet cachelet;

  @Produces
  @Singleton
  Cachelet cachelet() {
    return cachelet;
  }
}
