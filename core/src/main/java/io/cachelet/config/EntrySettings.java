package io.cachelet.config;

import java.time.Duration;

/**
 * How entries are written and loaded: the TTL of entries written without one ({@code default-ttl}),
 * how long a caller waits for another caller's load of the same key ({@code load-wait}), and the
 * most bytes the in-process store keeps ({@code memory.max-bytes}).
 */
public record EntrySettings(Duration defaultTtl, Duration loadWait, long memoryMaxBytes) {

  static final class Draft implements SettingsDraft<EntrySettings> {
    private Duration defaultTtl;
    private Duration loadWait;
    private long memoryMaxBytes;

    void copyFrom(EntrySettings from) {
      defaultTtl = from.defaultTtl;
      loadWait = from.loadWait;
      memoryMaxBytes = from.memoryMaxBytes;
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case DEFAULT_TTL -> defaultTtl = reader.positive(setting, value);
        case LOAD_WAIT -> loadWait = reader.positive(setting, value);
        case MEMORY_MAX_BYTES -> memoryMaxBytes = reader.size(setting, value);
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    public EntrySettings build(SettingReader reader) {
      return new EntrySettings(defaultTtl, loadWait, memoryMaxBytes);
    }
  }
}
