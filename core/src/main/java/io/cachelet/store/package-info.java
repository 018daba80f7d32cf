/**
 * The store port ({@link io.cachelet.store.CacheStore}), its value types, and the small interfaces
 * decorators and adapters meet on: {@link io.cachelet.store.InvalidationBus} (how instances tell
 * each other what changed) and {@link io.cachelet.store.StoreStateListener}. Adapters live in
 * sub-packages; {@link io.cachelet.store.CacheStores} is the only class here that knows them.
 */
package io.cachelet.store;
