/**
 * The near cache: a bounded in-process copy (Caffeine) in front of any store, kept coherent across
 * instances by an {@link io.cachelet.store.InvalidationBus} and bounded in staleness by a TTL cap.
 */
package io.cachelet.store.near;
