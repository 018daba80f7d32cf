package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteGrammarTest {

  static RouteRules parse(Map<String, String> params, Map<String, String> files) {
    return RouteGrammar.fromParams(
        params::get,
        params.keySet(),
        name ->
            files.containsKey(name)
                ? new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8))
                : null);
  }

  static RouteRules parse(String routes) {
    return parse(Map.of("routes", routes), Map.of());
  }

  @Test
  void everyOptionParsesIntoTheRoute() {
    RouteRules rules =
        parse(
            """
            # products, refreshed from the origin's own headers
            products /products/** ttl=10m stale=30s vary=Accept-Language query=page,size \
            tags=catalog,products statuses=200,404 max-body=2MiB ttl-from=CDN-Cache-Control \
            lock=3s per-principal=false strip-set-cookie=true evict-tags=catalog \
            evict-routes=home
            home / ttl=PT1M query=none
            """);
    Route products = rules.route("products").orElseThrow();
    assertThat(products.pattern()).isEqualTo("/products/**");
    assertThat(products.ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(products.staleGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(products.vary()).containsExactly("accept-language");
    assertThat(products.queryAllowlist()).contains(Set.of("page", "size"));
    assertThat(products.tags()).containsExactly("catalog", "products");
    assertThat(products.statuses()).containsExactlyInAnyOrder(200, 404);
    assertThat(products.maxBodyBytes()).isEqualTo(2L << 20);
    assertThat(products.ttlSource()).isEqualTo(Route.TtlSource.TARGETED);
    assertThat(products.targetedField()).isEqualTo("cdn-cache-control");
    assertThat(products.lockLease()).contains(Duration.ofSeconds(3));
    assertThat(products.stripSetCookie()).isTrue();
    assertThat(products.evictTags()).containsExactly("catalog");
    assertThat(products.evictRoutes()).containsExactly("home");
    Route home = rules.route("home").orElseThrow();
    assertThat(home.queryAllowlist()).contains(Set.of());
    assertThat(rules.routeFor("/")).contains(home);
  }

  @Test
  void defaultsAreSafe() {
    Route route = parse("r /r/*").routes().get(0);
    assertThat(route.ttl()).isEqualTo(Route.DEFAULT_TTL);
    assertThat(route.staleGrace()).isZero();
    assertThat(route.statuses()).containsExactly(200);
    assertThat(route.maxBodyBytes()).isEqualTo(Route.DEFAULT_MAX_BODY_BYTES);
    assertThat(route.queryAllowlist()).isEmpty();
    assertThat(route.perPrincipal()).isFalse();
    assertThat(route.stripSetCookie()).isFalse();
    assertThat(route.lockLease()).isEmpty();
    assertThat(route.ttlSource()).isEqualTo(Route.TtlSource.ROUTE);
  }

  @Test
  void routesCanBeSeparatedBySemicolonsInOneLine() {
    assertThat(parse("a /a; b /b").routes()).extracting(Route::name).containsExactly("a", "b");
  }

  @Test
  void filterWideParametersParse() {
    Map<String, String> params = new HashMap<>();
    params.put("routes", "a /a");
    params.put("hosts", "Shop.Example, www.shop.example");
    params.put("trust-forwarded-host", "true");
    params.put("auth-cookies", "remember-me");
    params.put("honour-request-no-cache", "true");
    params.put("shadow", "true");
    params.put("cache-name", "edge");
    params.put("tag-header", "Surrogate-Key");
    params.put("stampede-wait", "2s");
    RouteRules rules = parse(params, Map.of());
    assertThat(rules.hosts()).containsExactlyInAnyOrder("shop.example", "www.shop.example");
    assertThat(rules.trustForwardedHost()).isTrue();
    assertThat(rules.authCookies()).contains("JSESSIONID", "remember-me");
    assertThat(rules.honourRequestNoCache()).isTrue();
    assertThat(rules.shadow()).isTrue();
    assertThat(rules.cacheName()).isEqualTo("edge");
    assertThat(rules.tagHeader()).isEqualTo("Surrogate-Key");
    assertThat(rules.stampedeWait()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void routesComeFromAFileOrTheClassPath() {
    RouteRules fromFile =
        parse(
            Map.of("routes-file", "/WEB-INF/routes.conf"), Map.of("/WEB-INF/routes.conf", "f /f"));
    assertThat(fromFile.routes()).extracting(Route::name).containsExactly("f");
    RouteRules fromClassPath =
        parse(Map.of(), Map.of("classpath:" + RouteGrammar.CLASSPATH_ROUTES, "c /c"));
    assertThat(fromClassPath.routes()).extracting(Route::name).containsExactly("c");
    assertThat(parse(Map.of(), Map.of()).routes()).isEmpty();
  }

  record Bad(Map<String, String> params, String setting, String message) {}

  @Test
  void badValuesFailNamingTheParameterAndWhatIsAccepted() {
    List<Bad> cases =
        List.of(
            new Bad(Map.of("routes", "a /a ttl=10"), "routes", "ttl: '10' is not a number with"),
            new Bad(Map.of("routes", "a /a ttl=0s"), "routes", "ttl must be positive"),
            new Bad(Map.of("routes", "a /a colour=red"), "routes", "unknown option 'colour'"),
            new Bad(Map.of("routes", "a /a ttl"), "routes", "is not key=value"),
            new Bad(Map.of("routes", "a"), "routes", "expected 'NAME /PATTERN"),
            new Bad(Map.of("routes", "a a/b"), "routes", "must start with '/'"),
            new Bad(Map.of("routes", "a /a/**/b"), "routes", "'**' only as its last segment"),
            new Bad(Map.of("routes", "a /*.jsp"), "routes", "must be a whole segment"),
            new Bad(Map.of("routes", "a /a\na /b"), "routes", "configured twice"),
            new Bad(Map.of("routes", "a /a statuses=304"), "routes", "not a storable"),
            new Bad(Map.of("routes", "a /a max-body=lots"), "routes", "not a size"),
            new Bad(Map.of("routes", "a /a ttl=1m ttl=2m"), "routes", "given twice"),
            new Bad(Map.of("routes", "a /a evict-routes=zzz"), "routes", "unknown routes"),
            new Bad(Map.of("routes", "a /a", "shadow", "yes"), "shadow", "not true or false"),
            new Bad(Map.of("routes", "a /a", "stampede-wait", "5"), "stampede-wait", "unit"),
            new Bad(Map.of("routes-file", "missing.conf"), "routes-file", "names no readable"),
            new Bad(Map.of("rootes", "a /a"), "rootes", "Unknown init-param 'rootes'"));
    for (Bad bad : cases) {
      assertThatThrownBy(() -> parse(bad.params(), Map.of()))
          .as(bad.params().toString())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(bad.message())
          .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo(bad.setting()));
    }
  }

  @Test
  void sizesReadUnitsAsPowersOfTwo() {
    assertThat(RouteGrammar.size("512")).isEqualTo(512);
    assertThat(RouteGrammar.size("64KiB")).isEqualTo(65536);
    assertThat(RouteGrammar.size("1m")).isEqualTo(1 << 20);
    assertThat(RouteGrammar.size("1 GB")).isEqualTo(1L << 30);
  }

  @Test
  void pathPatternsMatchWholeSegments() {
    PathPattern one = PathPattern.compile("/products/*");
    assertThat(one.matches("/products/7")).isTrue();
    assertThat(one.matches("/products")).isFalse();
    assertThat(one.matches("/products/7/reviews")).isFalse();
    PathPattern any = PathPattern.compile("/static/**");
    assertThat(any.matches("/static")).isTrue();
    assertThat(any.matches("/static/a/b.css")).isTrue();
    assertThat(any.matches("/staticx")).isFalse();
    assertThat(PathPattern.compile("/").matches("/")).isTrue();
    assertThat(PathPattern.compile("/").matches("/a")).isFalse();
    assertThat(PathPattern.compile("/**").matches("/")).isTrue();
    assertThat(one.matches("/products/7/")).isTrue();
    assertThat(one.matches("/product/7")).isFalse();
    assertThat(one.matches("/productsx/7")).isFalse();
    assertThat(PathPattern.compile("/a/*/c").matches("/a/b/c")).isTrue();
    assertThat(PathPattern.compile("/a/*/c").matches("/a/b/cd")).isFalse();
  }

  @Test
  void pathsLoseTheirPathParametersAndEmptySegments() {
    assertThat(PathPattern.normalise("/a;jsessionid=XYZ/b;v=1")).isEqualTo("/a/b");
    assertThat(PathPattern.normalise("//a///b/")).isEqualTo("/a/b/");
    assertThat(PathPattern.normalise("")).isEqualTo("/");
    assertThat(PathPattern.normalise(null)).isEqualTo("/");
  }

  @Test
  void theBuilderValidatesToo() {
    assertThatThrownBy(() -> RouteRules.builder().route("bad name", "/a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Route name");
    assertThat(Optional.of(RouteRules.builder().build().routes())).contains(List.of());
  }
}
