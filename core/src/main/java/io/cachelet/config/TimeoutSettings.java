package io.cachelet.config;

import java.time.Duration;

/**
 * How long Redis may take: to open a connection ({@code redis.connect-timeout}) and to send one
 * reply ({@code redis.socket-timeout}).
 */
public record TimeoutSettings(Duration connect, Duration socket) {

  static final class Draft implements SettingsDraft<TimeoutSettings> {
    private Duration connect;
    private Duration socket;

    void copyFrom(TimeoutSettings from) {
      connect = from.connect;
      socket = from.socket;
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case REDIS_CONNECT_TIMEOUT -> connect = reader.positive(setting, value);
        case REDIS_SOCKET_TIMEOUT -> socket = reader.positive(setting, value);
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    public TimeoutSettings build(SettingReader reader) {
      return new TimeoutSettings(connect, socket);
    }
  }
}
