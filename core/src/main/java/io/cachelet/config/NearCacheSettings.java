package io.cachelet.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The near cache, an in-process copy of Redis entries kept coherent between instances ({@code
 * near-cache.*}): whether it is on, its bound (a count, or bytes when {@code maxBytes} is set), the
 * longest it serves a copy without asking Redis again, and whether it learns of changes from Redis
 * itself ({@code CLIENT TRACKING ... BCAST}, {@code tracking}) instead of Cachelet's messages.
 */
public record NearCacheSettings(
    boolean enabled, long maxEntries, Optional<Long> maxBytes, Duration ttlCap, boolean tracking) {

  static final class Draft implements SettingsDraft<NearCacheSettings> {
    private boolean enabled;
    private long maxEntries;
    private Long maxBytes;
    private Duration ttlCap;
    private boolean tracking;

    void copyFrom(NearCacheSettings from) {
      enabled = from.enabled;
      maxEntries = from.maxEntries;
      maxBytes = from.maxBytes.orElse(null);
      ttlCap = from.ttlCap;
      tracking = from.tracking;
    }

    boolean tracking() {
      return tracking;
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case NEAR_CACHE_ENABLED -> enabled = reader.bool(setting, value);
        case NEAR_CACHE_MAX_ENTRIES -> maxEntries = reader.intIn(setting, value, 1, 1_000_000_000);
        case NEAR_CACHE_MAX_BYTES -> maxBytes = reader.size(setting, value);
        case NEAR_CACHE_TTL_CAP -> ttlCap = reader.positive(setting, value);
        case NEAR_CACHE_MODE ->
            tracking = reader.oneOf(setting, value, "PUBSUB", "TRACKING").equals("TRACKING");
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    public NearCacheSettings build(SettingReader reader) {
      return new NearCacheSettings(
          enabled, maxEntries, Optional.ofNullable(maxBytes), ttlCap, tracking);
    }
  }
}
