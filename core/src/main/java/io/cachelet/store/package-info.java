/**
 * The store port ({@link io.cachelet.store.CacheStore}) and its value types. Adapters live in
 * sub-packages; {@link io.cachelet.store.CacheStores} is the only class here that knows them.
 */
package io.cachelet.store;
