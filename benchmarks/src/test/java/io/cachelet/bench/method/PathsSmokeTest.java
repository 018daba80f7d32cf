package io.cachelet.bench.method;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The benchmark paths build, answer the expected value and stay hits; nothing here is timed. */
@RedisTest
class PathsSmokeTest {

  @Test
  void everyPathReturnsTheCatalogueAndStaysAHit(RedisServer redis) {
    try (Paths paths = Paths.start(redis.host(), redis.port())) {
      Map<String, Supplier<Object>> all = new LinkedHashMap<>();
      all.put("floor", paths::floor);
      all.put("cacheRedis", paths::cacheRedis);
      all.put("cacheMemory", paths::cacheMemory);
      all.put("springRedis", paths::spring);
      all.put("breakerOpen", paths::breakerOpen);
      all.putAll(paths.extra());
      new PairedHarness(all, 5).run(2, true);

      for (Supplier<Object> path : all.values()) {
        assertThat(path.get()).isEqualTo(Catalog.of(Paths.ID));
      }
      paths.verifyHitsOnly();
    }
  }
}
