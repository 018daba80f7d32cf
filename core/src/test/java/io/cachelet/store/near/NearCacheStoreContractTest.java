package io.cachelet.store.near;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStoreContract;
import io.cachelet.store.InvalidationBus;
import io.cachelet.store.memory.MemoryStore;
import java.time.Duration;

class NearCacheStoreContractTest extends CacheStoreContract {

  @Override
  protected CacheStore openStore() {
    return NearCacheStore.create(
        MemoryStore.create(64L << 20),
        InvalidationBus.none(),
        NearCacheLimits.entries(10_000, Duration.ofSeconds(5)),
        Ticker.systemTicker());
  }
}
