package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.memory.MemoryStore;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter configured the web.xml way: a no-argument instance and init-params. */
class InitParamConfigTest {

  final Cachelet cachelet =
      Cachelet.create(
          CacheletConfig.builder().keyPrefix("xml").build(),
          MemoryStore.create(8 << 20),
          Clock.systemUTC());
  Server server;
  ServletContextHandler context;

  URI start(Map<String, String> params) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    context = new ServletContextHandler();
    context.setContextPath("/app");
    context.setAttribute(ResponseCacheFilter.CACHELET_ATTRIBUTE, cachelet);
    FilterHolder holder = new FilterHolder(ResponseCacheFilter.class);
    holder.setName("cachelet");
    params.forEach(holder::setInitParameter);
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new OriginServlet()), "/*");
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    cachelet.close();
  }

  static String xCache(URI base, String path) throws Exception {
    HttpResponse<Void> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.discarding());
    return response.headers().firstValue("X-Cache").orElse("none");
  }

  @Test
  void inlineRoutesAndARoutesFileOnTheClassPathAreBothCached() throws Exception {
    URI base =
        start(
            Map.of(
                "routes", "inline /r/** ttl=1m; other /o/* statuses=200,404",
                "routes-file", "classpath:test-routes.conf",
                "cache-name", "edge"));
    assertThat(xCache(base, "/r/plain")).isEqualTo("MISS");
    assertThat(xCache(base, "/f/plain")).isEqualTo("MISS");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!xCache(base, "/f/plain").equals("HIT") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(xCache(base, "/f/plain")).isEqualTo("HIT");
    assertThat(xCache(base, "/elsewhere")).isEqualTo("none");
    HttpCacheInvalidator invalidator =
        (HttpCacheInvalidator)
            context.getServletContext().getAttribute(HttpCacheInvalidator.class.getName());
    assertThat(invalidator.invalidateTag("files")).isEqualTo(1);
    assertThat(xCache(base, "/f/plain")).isEqualTo("MISS");
  }

  @Test
  void aBadInitParamFailsStartUpNamingIt() {
    assertThatThrownBy(() -> start(Map.of("routes", "a /a ttl=10")))
        .hasStackTraceContaining("Cachelet filter 'cachelet': routes, route 1 ('a /a ttl=10')")
        .hasStackTraceContaining("is not a number with a unit");
    assertThatThrownBy(() -> start(Map.of("routes", "a /a", "shadow", "maybe")))
        .hasStackTraceContaining("init-param shadow='maybe'");
  }
}
