package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;

/** Encrypted routes on Jetty over the in-process store. */
class EncryptedRouteMemoryTest extends EncryptedRouteContract {

  @Override
  CacheStore newStore(CacheletConfig config) {
    return CacheStores.create(config);
  }

  @Override
  CacheletConfig.Builder config() {
    return CacheletConfig.builder();
  }
}
