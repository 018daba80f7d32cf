package io.cachelet.config;

import io.cachelet.key.KeyBuilder;

/**
 * How store keys are built: the application prefix every key starts with ({@code key-prefix}) and
 * the length above which a key is shortened to a head and a hash ({@code max-key-length}).
 */
public record KeySettings(String prefix, int maxLength) {

  /** The key builder for this prefix and length. */
  public KeyBuilder keyBuilder() {
    return KeyBuilder.of(prefix, maxLength);
  }

  static final class Draft implements SettingsDraft<KeySettings> {
    private String prefix;
    private int maxLength;

    void copyFrom(KeySettings from) {
      prefix = from.prefix;
      maxLength = from.maxLength;
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case KEY_PREFIX -> prefix = prefix(setting, value, reader);
        case MAX_KEY_LENGTH ->
            maxLength = reader.intIn(setting, value, KeyBuilder.MIN_MAX_LENGTH, 65_536);
        default -> {
          return false;
        }
      }
      return true;
    }

    private static String prefix(Setting setting, String value, SettingReader reader) {
      try {
        return KeyBuilder.of(value, KeyBuilder.DEFAULT_MAX_LENGTH).prefix();
      } catch (IllegalArgumentException e) {
        throw reader.invalid(setting, value, setting.accepted());
      }
    }

    @Override
    public KeySettings build(SettingReader reader) {
      return new KeySettings(prefix, maxLength);
    }
  }
}
