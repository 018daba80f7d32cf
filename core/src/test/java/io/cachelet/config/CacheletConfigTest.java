package io.cachelet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheletConfigTest {

  private static CacheletConfig fromEnv(Map<String, String> environment) {
    return CacheletConfig.builder(new ConfigSources(Map.of(), environment, Map.of())).build();
  }

  @Test
  void withNothingSetTheDefaultsApplyAndTheStoreIsInProcess() {
    CacheletConfig config = CacheletConfig.builder(ConfigSources.none()).build();
    assertThat(config.redis()).isEmpty();
    assertThat(config.keyPrefix()).isEqualTo("cachelet");
    assertThat(config.defaultTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.socketTimeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.poolMax()).isEqualTo(32);
    assertThat(config.poolWait()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.breakerFailures()).isEqualTo(5);
    assertThat(config.breakerOpenDuration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.maxKeyLength()).isEqualTo(256);
    assertThat(config.memoryMaxBytes()).isEqualTo(64L << 20);
    assertThat(config.tlsVerify()).isEqualTo(TlsVerify.FULL);
  }

  @Test
  void everyDefaultInTheSettingTableParses() {
    CacheletConfig.Builder builder = CacheletConfig.builder();
    for (Setting setting : Setting.values()) {
      setting.defaultValue().ifPresent(value -> builder.set(setting, value));
    }
    assertThat(builder.build().redis()).isEmpty();
  }

  @Test
  void aRedisUrlGivesHostPortUserPasswordDatabaseAndTls() {
    CacheletConfig config =
        fromEnv(Map.of("REDIS_URL", "rediss://app:s%40cret@cache.example:6380/3"));
    RedisEndpoint redis = config.redis().orElseThrow();
    assertThat(redis.host()).isEqualTo("cache.example");
    assertThat(redis.port()).isEqualTo(6380);
    assertThat(redis.user()).contains("app");
    assertThat(redis.password()).contains("s@cret");
    assertThat(redis.database()).isEqualTo(3);
    assertThat(redis.tls()).isTrue();
    assertThat(redis.toString()).doesNotContain("cret").contains("app:***@");
  }

  @Test
  void aUrlWithoutPortOrDatabaseUsesTheDefaults() {
    RedisEndpoint redis = fromEnv(Map.of("REDIS_URL", "redis://localhost")).redis().orElseThrow();
    assertThat(redis.port()).isEqualTo(6379);
    assertThat(redis.database()).isZero();
    assertThat(redis.tls()).isFalse();
    assertThat(redis.user()).isEmpty();
    assertThat(redis.password()).isEmpty();
  }

  @Test
  void aPasswordWithoutUserInTheUrlIsForTheDefaultUser() {
    RedisEndpoint redis = fromEnv(Map.of("REDIS_URL", "redis://:pw@h:1")).redis().orElseThrow();
    assertThat(redis.user()).isEmpty();
    assertThat(redis.password()).contains("pw");
  }

  @Test
  void separateSettingsFillTheGapsOfTheUrl() {
    RedisEndpoint redis =
        fromEnv(Map.of("REDIS_URL", "redis://h:1", "REDIS_PASSWORD", "pw", "REDIS_DB", "2"))
            .redis()
            .orElseThrow();
    assertThat(redis.password()).contains("pw");
    assertThat(redis.database()).isEqualTo(2);
  }

  @Test
  void hostAndPortWithoutUrlAreEnough() {
    RedisEndpoint redis =
        fromEnv(Map.of("REDIS_HOST", "10.0.0.5", "REDIS_PORT", "7000", "REDIS_USER", "svc"))
            .redis()
            .orElseThrow();
    assertThat(redis.host()).isEqualTo("10.0.0.5");
    assertThat(redis.port()).isEqualTo(7000);
    assertThat(redis.user()).contains("svc");
  }

  @Test
  void systemPropertiesWinOverTheEnvironmentWhichWinsOverTheFile() {
    ConfigSources sources =
        new ConfigSources(
            Map.of("cachelet.key-prefix", "from-sysprop"),
            Map.of("CACHELET_KEY_PREFIX", "from-env", "CACHELET_DEFAULT_TTL", "5m"),
            Map.of(
                "cachelet.key-prefix", "from-file",
                "cachelet.default-ttl", "1h",
                "cachelet.load-wait", "2s"));
    CacheletConfig config = CacheletConfig.builder(sources).build();
    assertThat(config.keyPrefix()).isEqualTo("from-sysprop");
    assertThat(config.defaultTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.loadWait()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void codeWinsOverEverySource() {
    ConfigSources sources =
        new ConfigSources(Map.of("cachelet.key-prefix", "sysprop"), Map.of(), Map.of());
    assertThat(CacheletConfig.builder(sources).keyPrefix("code").build().keyPrefix())
        .isEqualTo("code");
  }

  @Test
  void aConfigRebuiltFromItsBuilderIsTheSame() {
    CacheletConfig config =
        fromEnv(
            Map.of(
                "REDIS_URL", "redis://u:p@h:1/2",
                "CACHELET_DEFAULT_TTL", "90s",
                "CACHELET_REDIS_POOL_MAX", "4"));
    CacheletConfig copy = config.toBuilder().build();
    assertThat(copy.redis()).isEqualTo(config.redis());
    assertThat(copy.defaultTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(copy.poolMax()).isEqualTo(4);
  }

  @ParameterizedTest(name = "{0}={1} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "REDIS_PORT | abc | a port number from 1 to 65535",
        "REDIS_PORT | 0 | a port number from 1 to 65535",
        "REDIS_PORT | 70000 | a port number from 1 to 65535",
        "REDIS_DB | -1 | a database index",
        "REDIS_URL | http://localhost:6379 | the scheme 'http' is not one of redis, rediss",
        "REDIS_URL | localhost:6379 | is not one of redis, rediss",
        "REDIS_URL | redis://h:1/x | the database '/x' is not a number",
        "REDIS_URL | redis://h:1?timeout=5 | query parameters are not read",
        "REDIS_URL | redis:///0 | the host is missing",
        "CACHELET_DEFAULT_TTL | -5m | a number with a unit",
        "CACHELET_DEFAULT_TTL | 0s | above 0",
        "CACHELET_DEFAULT_TTL | 10 | a number with a unit",
        "CACHELET_DEFAULT_TTL | ten minutes | a number with a unit",
        "CACHELET_REDIS_CONNECT_TIMEOUT | 0ms | above 0",
        "CACHELET_REDIS_SOCKET_TIMEOUT | fast | a number with a unit",
        "CACHELET_REDIS_POOL_MAX | 0 | from 1 to 10000",
        "CACHELET_REDIS_POOL_WAIT | -1ms | 0 or more",
        "CACHELET_REDIS_TLS_VERIFY | none | full, ca or insecure",
        "CACHELET_REDIS_TRUSTSTORE_TYPE | PEM | PKCS12 or JKS",
        "CACHELET_BREAKER_FAILURES | 0 | from 1 to 1000",
        "CACHELET_BREAKER_OPEN_DURATION | soon | a number with a unit",
        "CACHELET_HEALTH_SLOW_THRESHOLD | 0s | above 0",
        "CACHELET_KEY_PREFIX | my app | no spaces or glob characters",
        "CACHELET_KEY_PREFIX | app* | no spaces or glob characters",
        "CACHELET_MAX_KEY_LENGTH | 10 | from 128 to 65536",
        "CACHELET_LOAD_WAIT | 0ms | above 0",
        "CACHELET_MEMORY_MAX_BYTES | 12 parsecs | a size such as",
        "CACHELET_MEMORY_MAX_BYTES | 0 | a size such as",
      })
  void aBadValueFailsNamingTheSettingTheValueAndWhatIsAccepted(
      String variable, String value, String accepted) {
    assertThatThrownBy(() -> fromEnv(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(variable + "='" + value.trim() + "'")
        .hasMessageContaining(accepted)
        .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo(variable));
  }

  @Test
  void aBadSystemPropertyIsNamedAsASystemProperty() {
    ConfigSources sources =
        new ConfigSources(Map.of("cachelet.redis.port", "x"), Map.of("REDIS_PORT", "1"), Map.of());
    assertThatThrownBy(() -> CacheletConfig.builder(sources).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cachelet.redis.port='x'");
  }

  @Test
  void aBadValueInThePropertiesFileNamesTheFile() {
    ConfigSources sources =
        new ConfigSources(Map.of(), Map.of(), Map.of("cachelet.default-ttl", "forever"));
    assertThatThrownBy(() -> CacheletConfig.builder(sources).build())
        .hasMessageContaining("cachelet.default-ttl in cachelet.properties='forever'");
  }

  @Test
  void aBadValueSetInCodeNamesTheSettingKey() {
    assertThatThrownBy(() -> CacheletConfig.builder().poolMax(0))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.pool-max='0'");
  }

  @Test
  void passwordsNeverAppearInErrorMessages() {
    assertThatThrownBy(() -> fromEnv(Map.of("REDIS_URL", "ftp://user:hunter2@h:1")))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aMissingTrustStoreFileIsRefused() {
    assertThatThrownBy(() -> fromEnv(Map.of("CACHELET_REDIS_TRUSTSTORE", "no/such/file.p12")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CACHELET_REDIS_TRUSTSTORE")
        .hasMessageContaining("no readable file");
  }

  @Test
  void aTrustStoreNeedsItsPassword(@TempDir Path dir) throws Exception {
    Path store = Files.createFile(dir.resolve("trust.p12"));
    assertThatThrownBy(() -> fromEnv(Map.of("CACHELET_REDIS_TRUSTSTORE", store.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CACHELET_REDIS_TRUSTSTORE_PASSWORD");
    CacheletConfig config =
        fromEnv(
            Map.of(
                "REDIS_URL", "rediss://h:1",
                "CACHELET_REDIS_TRUSTSTORE", store.toString(),
                "CACHELET_REDIS_TRUSTSTORE_PASSWORD", "changeit"));
    assertThat(config.trustStore()).contains(store);
    assertThat(config.trustStorePassword()).isEqualTo(Optional.of("changeit"));
  }

  @Test
  void sizesAcceptUnits() {
    assertThat(fromEnv(Map.of("CACHELET_MEMORY_MAX_BYTES", "1GB")).memoryMaxBytes())
        .isEqualTo(1L << 30);
    assertThat(fromEnv(Map.of("CACHELET_MEMORY_MAX_BYTES", "512kb")).memoryMaxBytes())
        .isEqualTo(512L << 10);
    assertThat(fromEnv(Map.of("CACHELET_MEMORY_MAX_BYTES", "1000")).memoryMaxBytes())
        .isEqualTo(1000);
  }

  @Test
  void environmentNamesFollowOneRuleExceptTheRedisConnection() {
    assertThat(Setting.REDIS_URL.environmentVariable()).isEqualTo("REDIS_URL");
    assertThat(Setting.REDIS_CONNECT_TIMEOUT.environmentVariable())
        .isEqualTo("CACHELET_REDIS_CONNECT_TIMEOUT");
    assertThat(Setting.KEY_PREFIX.environmentVariable()).isEqualTo("CACHELET_KEY_PREFIX");
    assertThat(Setting.KEY_PREFIX.property()).isEqualTo("cachelet.key-prefix");
  }
}
