package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.config.ConfigSources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleSettingsTest {

  private static SampleSettings read(Map<String, String> env) throws StartupException {
    return SampleSettings.fromEnvironment(env, new ConfigSources(Map.of(), env, Map.of()));
  }

  @Test
  void defaultsToPort8080TheInProcessStoreAndNoAdminToken() throws StartupException {
    SampleSettings settings = read(Map.of());

    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.dbLatency()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.adminToken()).isEmpty();
    assertThat(settings.cachelet().redis()).isEmpty();
  }

  @Test
  void readsPortLatencyTokenAndRedisUrl() throws StartupException {
    SampleSettings settings =
        read(
            Map.of(
                "PORT", "9090",
                "SAMPLE_DB_LATENCY", "5ms",
                "CACHELET_ADMIN_TOKEN", "s3cret",
                "REDIS_URL", "redis://localhost:6380"));

    assertThat(settings.port()).isEqualTo(9090);
    assertThat(settings.dbLatency()).isEqualTo(Duration.ofMillis(5));
    assertThat(settings.adminToken()).contains("s3cret");
    assertThat(settings.cachelet().redis()).isPresent();
  }

  @Test
  void aBadPortNamesTheVariableAndAnExample() {
    assertThatThrownBy(() -> read(Map.of("PORT", "eighty")))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("PORT='eighty'")
        .hasMessageContaining("PORT=8081");
  }

  @Test
  void aLatencyWithoutUnitIsRefused() {
    assertThatThrownBy(() -> read(Map.of("SAMPLE_DB_LATENCY", "50")))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("SAMPLE_DB_LATENCY='50'")
        .hasMessageContaining("50ms");
  }

  @Test
  void aMalformedRedisUrlSaysWhatToChange() {
    assertThatThrownBy(() -> read(Map.of("REDIS_URL", "http://localhost")))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("REDIS_URL")
        .hasMessageContaining("unset it");
  }
}
