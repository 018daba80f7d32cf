package io.cachelet.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executor;

/** A small HTTP client for the running sample, on loopback only. */
final class SampleClient {

  private final HttpClient http;
  private final URI base;

  SampleClient(URI base) {
    this(base, HttpClient.newBuilder());
  }

  /**
   * A client whose own work runs on {@code executor}, for tests that count threads: the default
   * executor grows with the load.
   */
  SampleClient(URI base, Executor executor) {
    this(base, HttpClient.newBuilder().executor(executor));
  }

  private SampleClient(URI base, HttpClient.Builder http) {
    this.http = http.connectTimeout(Duration.ofSeconds(5)).build();
    this.base = base;
  }

  HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String[] basic(String user, String password) {
    return new String[] {
      "Authorization",
      "Basic "
          + Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
    };
  }
}
