package io.cachelet.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * What a store's backend reports about its memory, for the memory gauges and alert.
 *
 * @param usedBytes memory in use (Redis {@code used_memory}; the in-process store's weighed
 *     entries)
 * @param maxBytes the limit (Redis {@code maxmemory}); 0 when there is none
 * @param evictedKeys keys evicted to stay under the limit since the backend started (Redis {@code
 *     evicted_keys})
 */
public record StoreMemory(long usedBytes, long maxBytes, long evictedKeys) {

  public StoreMemory {
    if (usedBytes < 0 || maxBytes < 0 || evictedKeys < 0) {
      throw new IllegalArgumentException(
          "Memory figures are never negative: " + usedBytes + ", " + maxBytes + ", " + evictedKeys);
    }
  }

  /** Whether the backend has a memory limit at all. */
  public boolean limited() {
    return maxBytes > 0;
  }

  /** The used share of the limit, from 0 (NaN when there is no limit). */
  public double usedRatio() {
    return limited() ? (double) usedBytes / maxBytes : Double.NaN;
  }

  /**
   * The figures of a deployment of several servers (a cluster's nodes): memory of the fullest
   * server, since that is the one that starts evicting first (the highest used share of a limit, or
   * the most used where none has a limit), and the evictions of all of them.
   */
  public static Optional<StoreMemory> fullestOf(Collection<StoreMemory> servers) {
    Comparator<StoreMemory> fullness =
        Comparator.comparing(StoreMemory::limited)
            .thenComparingDouble(m -> m.limited() ? m.usedRatio() : m.usedBytes());
    long evicted = servers.stream().mapToLong(StoreMemory::evictedKeys).sum();
    return servers.stream()
        .max(fullness)
        .map(fullest -> new StoreMemory(fullest.usedBytes, fullest.maxBytes, evicted));
  }
}
