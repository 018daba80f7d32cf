package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin servlet on real Jetty and Tomcat, called over HTTP the way a browser would be tricked
 * into calling it: a caller the container authenticated (here by {@link TestPrincipalFilter}, as
 * Basic or a session would) is refused every state-changing call a cross-site page could send, and
 * keeps every call it makes deliberately; a bearer token, which no browser attaches on its own, is
 * not affected.
 */
class AdminCrossSiteTest {

  private static final String TOKEN = "cross-site-test-token";
  private static final String ROLE = "cache-admin";
  private static final String[] OPERATOR = {"X-Test-User", "root", "X-Test-Roles", ROLE};
  private static final String FORM = "application/x-www-form-urlencoded";

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<Runnable> stops = new ArrayList<>();
  private URI base;
  private String origin;

  static Stream<Supplier<TestContainer>> containers() {
    return Stream.of(JettyContainer::new, TomcatContainer::new);
  }

  private void start(Supplier<TestContainer> containers) throws Exception {
    Cachelet cachelet = Cachelet.create(CacheletConfig.builder().build());
    RouteRules rules = RouteRules.builder().route("product", "/product/**").build();
    ResponseCacheFilter filter = new ResponseCacheFilter(rules, cachelet);
    TestContainer container = containers.get();
    base =
        container.start(
            new CacheAdminServlet(filter, AdminAccess.bearerToken(TOKEN).orRole(ROLE)),
            new TestPrincipalFilter(),
            filter);
    origin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    stops.add(
        () -> {
          try {
            container.stop();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    stops.add(cachelet::close);
  }

  @AfterEach
  void stop() {
    stops.forEach(Runnable::run);
  }

  private HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(base.getPath() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                method.equals("POST")
                    ? HttpRequest.BodyPublishers.ofString("x=1")
                    : HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> purge(String... headers) throws Exception {
    return send("POST", "/routes/product/purge", headers);
  }

  private static String[] with(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @ParameterizedTest
  @MethodSource("containers")
  void aCrossSiteFormPostWithTheOperatorsCredentialsIsRefused(Supplier<TestContainer> containers)
      throws Exception {
    start(containers);

    HttpResponse<String> forged =
        purge(
            with(
                OPERATOR,
                "Origin",
                "https://evil.example",
                "Sec-Fetch-Site",
                "cross-site",
                "Content-Type",
                FORM));

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(forged.body()).contains("cross-site");
  }

  @ParameterizedTest
  @MethodSource("containers")
  void whatAPageOfAnotherOriginOrAPlainFormCanSendIsRefused(Supplier<TestContainer> containers)
      throws Exception {
    start(containers);

    // another origin, even with the marker (a browser would have preflighted, and been refused)
    assertThat(
            purge(with(OPERATOR, "Origin", "https://evil.example", "X-Cachelet-Admin", "1"))
                .statusCode())
        .isEqualTo(403);
    // a site-mate, unless its origin is allowed
    assertThat(
            send(
                    "DELETE",
                    "/keys/some-key",
                    with(OPERATOR, "Sec-Fetch-Site", "same-site", "X-Cachelet-Admin", "1"))
                .statusCode())
        .isEqualTo(403);
    // a plain form from anywhere: no marker, no JSON
    HttpResponse<String> form = purge(with(OPERATOR, "Content-Type", FORM));
    assertThat(form.statusCode()).isEqualTo(403);
    assertThat(form.body()).contains("X-Cachelet-Admin");
  }

  @ParameterizedTest
  @MethodSource("containers")
  void aDeliberateCallAReadAndABearerTokenAreAccepted(Supplier<TestContainer> containers)
      throws Exception {
    start(containers);

    assertThat(
            purge(
                    with(
                        OPERATOR,
                        "Origin",
                        origin,
                        "Sec-Fetch-Site",
                        "same-origin",
                        "X-Cachelet-Admin",
                        "1"))
                .statusCode())
        .isEqualTo(200);
    assertThat(purge(with(OPERATOR, "Content-Type", "application/json")).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/stats", with(OPERATOR, "Sec-Fetch-Site", "cross-site")).statusCode())
        .isEqualTo(200);
    assertThat(
            purge(
                    "Authorization",
                    "Bearer " + TOKEN,
                    "Origin",
                    "https://evil.example",
                    "Content-Type",
                    FORM)
                .statusCode())
        .isEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource("containers")
  void aCallWhoseBodyIsNeverReadSaysTheConnectionCloses(Supplier<TestContainer> containers)
      throws Exception {
    start(containers);

    // the body of a refused (or accepted) POST is left unread; a connection kept open without
    // saying so could be reused by the client after the container has dropped it
    HttpResponse<String> refused = purge(with(OPERATOR, "Content-Type", FORM));
    HttpResponse<String> read = send("GET", "/stats", OPERATOR);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Connection")).hasValue("close");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Connection")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("containers")
  void aPreflightFromAnotherOriginGetsNoCorsGrant(Supplier<TestContainer> containers)
      throws Exception {
    start(containers);

    HttpResponse<String> preflight =
        send(
            "OPTIONS",
            "/routes/product/purge",
            "Origin",
            "https://evil.example",
            "Access-Control-Request-Method",
            "POST",
            "Access-Control-Request-Headers",
            "x-cachelet-admin");

    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
  }
}
