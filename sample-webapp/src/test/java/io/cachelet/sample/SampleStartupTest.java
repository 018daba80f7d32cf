package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.config.CacheletConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SampleStartupTest {

  private static SampleSettings settings(int port, CacheletConfig config) {
    return new SampleSettings("127.0.0.1", port, Duration.ZERO, Optional.empty(), config);
  }

  @Test
  void aPortInUseFailsFastNamingThePortAndTheVariable() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> SampleApp.start(settings(port, CacheletConfig.builder().build())))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("Port " + port + " is already in use")
          .hasMessageContaining("PORT=");
    }
  }

  @Test
  void aRedisThatDoesNotAnswerFailsFastSayingWhatToChange() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    CacheletConfig config =
        CacheletConfig.builder().redisUrl("redis://127.0.0.1:" + closedPort).build();

    assertThatThrownBy(() -> SampleApp.start(settings(0, config)))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("does not answer")
        .hasMessageContaining("REDIS_URL");
  }

  @Test
  void routesInTheSettingsReplaceTheRoutesFile() throws StartupException {
    SampleSettings settings =
        settings(0, CacheletConfig.builder().build()).withRoutes("product /api/products/* ttl=7s");
    try (SampleApp app = SampleApp.start(settings)) {
      SampleClient client = new SampleClient(app.uri());
      client.get("/api/products/1");

      // the routes file caches a product for a minute
      assertThat(client.get("/api/products/1").headers().firstValue("Cache-Status").orElseThrow())
          .matches("Cachelet; hit; ttl=[0-7]");
    }
  }
}
