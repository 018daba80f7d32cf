package io.cachelet.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachelet.config.CacheletConfig;
import io.cachelet.config.Setting;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** A sample started in process on a free loopback port, and an HTTP client for it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SampleEndToEndBase {

  static final String TOKEN = "test-admin-token";
  static final ObjectMapper JSON = new ObjectMapper();

  SampleApp app;
  SampleClient client;

  /** Starts the sample on a free loopback port, on Redis at {@code redisUrl} when given. */
  void start(Optional<String> redisUrl, String keyPrefix) throws StartupException {
    CacheletConfig.Builder config = CacheletConfig.builder().set(Setting.KEY_PREFIX, keyPrefix);
    redisUrl.ifPresent(config::redisUrl);
    start(settings(config.build()));
  }

  /** Settings for a sample on a free loopback port, with a 2 ms database and an admin token. */
  static SampleSettings settings(CacheletConfig config) {
    return new SampleSettings("127.0.0.1", 0, Duration.ofMillis(2), Optional.of(TOKEN), config);
  }

  /** Starts the sample with {@code settings}. */
  void start(SampleSettings settings) throws StartupException {
    app = SampleApp.start(settings);
    client = new SampleClient(app.uri());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  static final String[] TOKEN_HEADER = {"Authorization", "Bearer " + TOKEN};

  /** Calls the admin endpoint {@code path} (under {@code /admin/cache/}) with the admin token. */
  HttpResponse<String> admin(String method, String path) {
    return client.send(method, "/admin/cache/" + path, null, TOKEN_HEADER);
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Waits {@code millis} between two tries of something that becomes true soon. */
  static void pause(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
