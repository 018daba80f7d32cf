package io.cachelet.config;

import io.cachelet.codec.EncryptionKey;
import io.cachelet.codec.EntryCipher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Encryption at rest: the keys ({@code encryption.keys}, read from {@code CACHELET_ENCRYPTION_KEYS}
 * like any setting) and whether every cache and route is encrypted ({@code encryption.enabled}); a
 * route ({@code encrypt}), an annotation ({@code encrypt = true}) or a per-cache override ({@code
 * cachelet.cache.<name>.encrypt}) can ask for it one at a time. {@link #toString()} shows key ids,
 * never keys.
 */
public final class EncryptionSettings {

  private final boolean enabled;
  private final List<EncryptionKey> keys;
  private final Optional<EntryCipher> cipher;

  private EncryptionSettings(boolean enabled, List<EncryptionKey> keys) {
    this.enabled = enabled;
    this.keys = keys;
    this.cipher = keys.isEmpty() ? Optional.empty() : Optional.of(EntryCipher.of(keys));
  }

  /** Whether every cache and route is encrypted. */
  public boolean enabled() {
    return enabled;
  }

  /** The cipher over the configured keys; empty when no key is configured. */
  public Optional<EntryCipher> cipher() {
    return cipher;
  }

  /**
   * The cipher, for {@code what} that asks to be encrypted.
   *
   * @throws ConfigException naming {@code CACHELET_ENCRYPTION_KEYS} when no key is configured
   */
  public EntryCipher requireCipher(String what) {
    return cipher.orElseThrow(
        () -> missingKeys(Setting.ENCRYPTION_KEYS.environmentVariable(), what));
  }

  private static ConfigException missingKeys(String name, String what) {
    return new ConfigException(
        name,
        "Missing setting "
            + name
            + ": "
            + what
            + " is encrypted, so Cachelet needs a key; set it to id:base64 with a 32-byte"
            + " random key (e.g. from `openssl rand -base64 32`).");
  }

  @Override
  public String toString() {
    return "EncryptionSettings[enabled="
        + enabled
        + ", "
        + cipher.map(EntryCipher::toString).orElse("no keys")
        + "]";
  }

  static final class Draft implements SettingsDraft<EncryptionSettings> {
    private boolean enabled;
    private List<EncryptionKey> keys = List.of();

    void copyFrom(EncryptionSettings from) {
      enabled = from.enabled;
      keys = from.keys;
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case ENCRYPTION_ENABLED -> enabled = reader.bool(setting, value);
        case ENCRYPTION_KEYS -> keys = keys(setting, value, reader);
        default -> {
          return false;
        }
      }
      return true;
    }

    /** {@code id:base64,...}; no error repeats a key, since the reader masks this setting. */
    private static List<EncryptionKey> keys(Setting setting, String value, SettingReader reader) {
      List<EncryptionKey> parsed = new ArrayList<>();
      Set<String> ids = new LinkedHashSet<>();
      String[] parts = value.split(",", -1);
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i].trim();
        int colon = part.indexOf(':');
        String id = colon < 0 ? "" : part.substring(0, colon).trim();
        if (colon < 0 || !id.matches("[A-Za-z0-9._-]{1,64}")) {
          throw reader.invalid(
              setting, value, setting.accepted() + "; key " + (i + 1) + " is not id:base64");
        }
        byte[] key;
        try {
          key = Base64.getDecoder().decode(part.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
          throw reader.invalid(
              setting, value, setting.accepted() + "; the key of '" + id + "' is not base64");
        }
        if (key.length != EncryptionKey.LENGTH) {
          throw reader.invalid(
              setting,
              value,
              setting.accepted()
                  + "; the key of '"
                  + id
                  + "' has "
                  + key.length
                  + " bytes, AES-256 needs "
                  + EncryptionKey.LENGTH);
        }
        if (!ids.add(id)) {
          throw reader.invalid(
              setting, value, setting.accepted() + "; the key id '" + id + "' is given twice");
        }
        parsed.add(EncryptionKey.of(id, key));
      }
      return List.copyOf(parsed);
    }

    @Override
    public EncryptionSettings build(SettingReader reader) {
      if (keys.isEmpty() && enabled) {
        String name = reader.nameLike(Setting.ENCRYPTION_KEYS, Setting.ENCRYPTION_ENABLED);
        throw missingKeys(name, "every entry (" + reader.name(Setting.ENCRYPTION_ENABLED) + ")");
      }
      return new EncryptionSettings(enabled, keys);
    }
  }
}
