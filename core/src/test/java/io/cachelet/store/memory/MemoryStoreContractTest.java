package io.cachelet.store.memory;

import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStoreContract;

class MemoryStoreContractTest extends CacheStoreContract {

  @Override
  protected CacheStore openStore() {
    return MemoryStore.create(64L << 20);
  }
}
