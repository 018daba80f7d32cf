package io.cachelet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CACHELET_ENCRYPTION_KEYS}: bad keys stop start-up, naming the setting, never the key. */
class EncryptionSettingsTest {

  static String randomKey(int bytes) {
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static CacheletConfig fromEnv(Map<String, String> env) {
    return CacheletConfig.builder(new ConfigSources(Map.of(), env, Map.of())).build();
  }

  @Test
  void keysWithIdsAreReadAndTheFirstSeals() {
    String k2 = randomKey(32);
    String k1 = randomKey(32);
    CacheletConfig config = fromEnv(Map.of("CACHELET_ENCRYPTION_KEYS", "k2:" + k2 + ", k1:" + k1));
    assertThat(config.encryption().cipher().orElseThrow().sealingKeyId()).isEqualTo("k2");
    assertThat(config.encryption().enabled()).isFalse();
    assertThat(config.encryption().toString()).doesNotContain(k1).doesNotContain(k2);
    assertThat(config.toBuilder().build().encryption().cipher()).isPresent();
  }

  @Test
  void encryptionEnabledWithoutAKeyFailsNamingTheKeySetting() {
    assertThatThrownBy(() -> fromEnv(Map.of("CACHELET_ENCRYPTION_ENABLED", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Missing setting CACHELET_ENCRYPTION_KEYS")
        .hasMessageContaining("CACHELET_ENCRYPTION_ENABLED");
  }

  @Test
  void aRouteOrCacheAskingForEncryptionWithoutAKeyIsRefused() {
    CacheletConfig config = CacheletConfig.builder().build();
    assertThatThrownBy(() -> config.encryption().requireCipher("route 'me'"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CACHELET_ENCRYPTION_KEYS")
        .hasMessageContaining("route 'me'");
  }

  @Test
  void malformedKeysFailNamingTheSettingAndNeverEchoingTheKey() {
    String good = randomKey(32);
    String shortKey = randomKey(16);
    Map<String, String> bad =
        Map.of(
            "k1:" + shortKey,
            "has 16 bytes, AES-256 needs 32",
            "k1:not*base64!" + good,
            "is not base64",
            good,
            "key 1 is not id:base64",
            "k1:" + good + ",k1:" + good,
            "the key id 'k1' is given twice",
            "k 1:" + good,
            "key 1 is not id:base64");
    bad.forEach(
        (value, why) ->
            assertThatThrownBy(() -> fromEnv(Map.of("CACHELET_ENCRYPTION_KEYS", value)))
                .as(why)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CACHELET_ENCRYPTION_KEYS='***'")
                .hasMessageContaining(why)
                .hasMessageNotContaining(good)
                .hasMessageNotContaining(shortKey));
  }
}
