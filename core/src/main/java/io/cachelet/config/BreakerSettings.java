package io.cachelet.config;

import java.time.Duration;

/**
 * The circuit breaker and health check: the consecutive failures that open the breaker ({@code
 * breaker.failures}), how long it stays open before a probe ({@code breaker.open-duration}), and
 * the ping latency above which health reports DEGRADED ({@code health.slow-threshold}), and how
 * often the store's memory figures are read ({@code health.memory-interval}).
 */
public record BreakerSettings(
    int failures, Duration openDuration, Duration slowThreshold, Duration memoryInterval) {

  static final class Draft implements SettingsDraft<BreakerSettings> {
    private int failures;
    private Duration openDuration;
    private Duration slowThreshold;
    private Duration memoryInterval;

    void copyFrom(BreakerSettings from) {
      failures = from.failures;
      openDuration = from.openDuration;
      slowThreshold = from.slowThreshold;
      memoryInterval = from.memoryInterval;
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case BREAKER_FAILURES -> failures = reader.intIn(setting, value, 1, 1000);
        case BREAKER_OPEN_DURATION -> openDuration = reader.positive(setting, value);
        case HEALTH_SLOW_THRESHOLD -> slowThreshold = reader.positive(setting, value);
        case HEALTH_MEMORY_INTERVAL -> memoryInterval = reader.positive(setting, value);
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    public BreakerSettings build(SettingReader reader) {
      return new BreakerSettings(failures, openDuration, slowThreshold, memoryInterval);
    }
  }
}
