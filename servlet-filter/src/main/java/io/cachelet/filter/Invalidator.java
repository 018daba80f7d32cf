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
    return made("invalidate tag " + tag, () -> store.invalidateTag(tag));
  }

  @Override
  public void purgeRoute(String route) {
    if (rules.route(route).isEmpty()) {
      throw new IllegalArgumentException("No route is called '" + route + "'");
    }
    made(
        "purge route " + route,
        () -> {
          store.purgeRoute(route);
          return null;
        });
  }

  @Override
  public void purgeAll() {
    made(
        "purge the HTTP cache",
        () -> {
          store.purgeAll();
          return null;
        });
  }

  @Override
  public long deleteKeys(String pattern) {
    return made("delete the keys matching " + pattern, () -> store.deleteKeys(pattern));
  }

  @Override
  public boolean deleteKey(String storeKey) {
    return made("delete the key " + storeKey, () -> store.deleteKey(storeKey));
  }

  private interface Invalidation<T> {
    T run() throws HttpStore.Unavailable;
  }

  /** Runs {@code invalidation}; a store that can't be used is a {@link StoreException}. */
  private static <T> T made(String what, Invalidation<T> invalidation) {
    try {
      return invalidation.run();
    } catch (HttpStore.Unavailable e) {
      throw new StoreException("Can't " + what, e.getCause());
    }
  }
}
