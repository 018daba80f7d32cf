package io.cachelet.store.near;

import io.cachelet.store.CacheStore;
import io.cachelet.store.ForwardingStore;

/** A view of a store shared by several near caches in one test, which none of them closes. */
final class Unclosed extends ForwardingStore {

  Unclosed(CacheStore store) {
    super(store);
  }

  @Override
  public void close() {}
}
