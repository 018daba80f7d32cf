package io.cachelet.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStoreContract;
import io.cachelet.store.StoreMemory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryStoreContractTest extends CacheStoreContract {

  @Override
  protected CacheStore openStore() {
    return MemoryStore.create(64L << 20);
  }

  @Test
  void reportsItsBoundWhatItHoldsAndWhatTheBoundEvicted() {
    try (MemoryStore store = MemoryStore.create(100_000)) {
      for (int i = 0; i < 50; i++) { // 500 KB into 100
        store.put("k" + i, new byte[10_000], Duration.ofHours(1));
      }

      StoreMemory memory = store.memory().orElseThrow();

      assertThat(memory.maxBytes()).isEqualTo(100_000);
      assertThat(memory.usedBytes()).isBetween(10_000L, 100_000L);
      assertThat(memory.evictedKeys()).isGreaterThanOrEqualTo(40);
    }
  }
}
