package io.cachelet.filter;

import io.cachelet.store.StoreException;

/** {@link HttpCacheInvalidator} over the filter's store. Thread-safe. */
final class Invalidator implements HttpCacheInvalidator {

  private final RouteRules rules;
  private final HttpStore store;

  Invalidator(RouteRules rules, HttpStore store) {
    this.rules = rules;
    this.store = store;
  }

  @Override
  public long invalidateTag(String tag) {
    try {
      return store.invalidateTag(tag);
    } catch (HttpStore.Unavailable e) {
      throw new StoreException("Can't invalidate tag " + tag, e.getCause());
    }
  }

  @Override
  public void purgeRoute(String route) {
    if (rules.route(route).isEmpty()) {
      throw new IllegalArgumentException("No route is called '" + route + "'");
    }
    try {
      store.purgeRoute(route);
    } catch (HttpStore.Unavailable e) {
      throw new StoreException("Can't purge route " + route, e.getCause());
    }
  }

  @Override
  public void purgeAll() {
    try {
      store.purgeAll();
    } catch (HttpStore.Unavailable e) {
      throw new StoreException("Can't purge the HTTP cache", e.getCause());
    }
  }
}
