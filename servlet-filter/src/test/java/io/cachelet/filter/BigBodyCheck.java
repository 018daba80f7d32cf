package io.cachelet.filter;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.memory.MemoryStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Run in a JVM with a small heap by {@link BigBodyTest}: streams a body far larger than the heap
 * through the filter twice and prints what the client received. Buffering the body would end in an
 * {@link OutOfMemoryError} and a non-zero exit.
 */
final class BigBodyCheck {

  private BigBodyCheck() {}

  public static void main(String[] args) throws Exception {
    TestContainer container =
        args[0].equals("tomcat") ? new TomcatContainer() : new JettyContainer();
    long size = Long.parseLong(args[1]);
    long limit = Long.parseLong(args[2]);
    RouteRules rules =
        RouteRules.builder().route("big", "/big/**", b -> b.maxBodyBytes(limit)).build();
    OriginServlet origin = new OriginServlet();
    try (Cachelet cachelet =
        Cachelet.create(
            CacheletConfig.builder().keyPrefix("big").build(),
            MemoryStore.create(8 << 20),
            Clock.systemUTC())) {
      URI base =
          container.start(origin, new ResponseCacheFilter(rules, cachelet, Clock.systemUTC()));
      HttpClient client = HttpClient.newHttpClient();
      for (int i = 0; i < 2; i++) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(base + "/big/big?size=" + size))
                .timeout(Duration.ofMinutes(2))
                .build();
        HttpResponse<InputStream> response =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long received = 0;
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = response.body()) {
          for (int n; (n = in.read(chunk)) >= 0; ) {
            received += n;
          }
        }
        System.out.println(
            "received "
                + received
                + " "
                + response.headers().firstValue("Cache-Status").orElse("-"));
      }
      System.out.println("origin calls " + origin.calls("/big/big?size=" + size));
    } finally {
      container.stop();
    }
  }
}
