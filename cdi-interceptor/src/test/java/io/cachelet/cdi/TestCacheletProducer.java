package io.cachelet.cdi;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.memory.MemoryStore;
import io.cachelet.testing.TestClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/** Replaces the default entry point: the in-process store and a clock the tests move. */
@ApplicationScoped
@Alternative
@Priority(1)
public class TestCacheletProducer {

  static final TestClock CLOCK = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  @Produces
  @Singleton
  Cachelet cachelet() {
    return Cachelet.create(
        CacheletConfig.builder().loadWait(Duration.ofSeconds(5)).build(),
        MemoryStore.create(16 << 20),
        CLOCK);
  }
}
