package io.cachelet.config;

import java.time.Duration;

/**
 * The Redis connection pool: {@code redis.pool-max} connections at most, and how long a caller
 * waits for one ({@code redis.pool-wait}) before the call counts as failed.
 */
public record PoolSettings(int max, Duration maxWait) {

  static final class Draft implements SettingsDraft<PoolSettings> {
    private int max;
    private Duration wait;

    void copyFrom(PoolSettings from) {
      max = from.max;
      wait = from.maxWait;
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case REDIS_POOL_MAX -> max = reader.intIn(setting, value, 1, 10_000);
        case REDIS_POOL_WAIT -> wait = reader.duration(setting, value);
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    public PoolSettings build(SettingReader reader) {
      return new PoolSettings(max, wait);
    }
  }
}
