package io.cachelet.method;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;

/** Encrypted method caches on the in-process store. */
class EncryptedMethodCacheMemoryTest extends EncryptedMethodCacheContract {

  @Override
  CacheStore openStore() {
    return CacheStores.create(config().build());
  }

  @Override
  CacheletConfig.Builder config() {
    return CacheletConfig.builder();
  }
}
