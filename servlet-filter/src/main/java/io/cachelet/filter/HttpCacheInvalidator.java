package io.cachelet.filter;

/**
 * Invalidates what the filter stored: by tag, by route, or everything. The filter publishes its
 * invalidator as the servlet-context attribute named by this interface's class name, for admin
 * endpoints. Thread-safe. Every method throws {@link io.cachelet.store.StoreException} when the
 * store can't be reached: an admin must know a purge did not happen.
 */
public interface HttpCacheInvalidator {

  /** Deletes every entry tagged {@code tag} (route tags and {@code Cache-Tag} tags alike). */
  long invalidateTag(String tag);

  /** Makes every entry of route {@code route} unreachable at once (O(1): a generation bump). */
  void purgeRoute(String route);

  /** Makes every entry of every route unreachable at once (O(1): a generation bump). */
  void purgeAll();

  /**
   * Deletes the store keys matching the Redis glob {@code pattern} (a whole store key pattern, the
   * application's prefix included), as the other invalidations do: responses being stored meanwhile
   * land before it or not at all, so none of them outlives it. Returns how many were deleted.
   */
  long deleteKeys(String pattern);

  /** Deletes the store key {@code storeKey} in the same way; returns whether it existed. */
  boolean deleteKey(String storeKey);
}
