package io.cachelet.testing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension behind {@link RedisTest}: resolves {@link RedisServer} parameters.
 *
 * <p>The shared server is the first of these that works, chosen once per run:
 *
 * <ol>
 *   <li>the server {@code REDIS_URL} names, when that variable is set;
 *   <li>{@code redis-server} from the PATH, started on a free loopback port;
 *   <li>a {@code redis:7.0} container, when Testcontainers finds a Docker engine;
 *   <li>the {@code redis-server} binary shipped inside embedded-redis.
 * </ol>
 *
 * <p>A class with {@link RedisTest#ownServer()} gets a process of its own from (2) or (4). The
 * system property {@value #SOURCE_PROPERTY} ({@code url}, {@code binary}, {@code container} or
 * {@code embedded}) forces one source, e.g. to check the embedded fallback on a machine that has
 * redis-server. When no Redis can be had the test is skipped with the reason, except with {@code
 * CI=true}, where it fails.
 */
public final class RedisExtension implements BeforeAllCallback, ParameterResolver {

  /** The system property that forces where the server comes from. */
  public static final String SOURCE_PROPERTY = "cachelet.test.redis";

  private static final Logger LOG = LoggerFactory.getLogger(RedisExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisExtension.class);
  private static final String SHARED = "shared";
  private static final String OWN = "own";

  static Optional<String> forcedSource() {
    String value = System.getProperty(SOURCE_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!List.of("url", "binary", "container", "embedded").contains(value)) {
      throw new IllegalArgumentException(
          "-D" + SOURCE_PROPERTY + "=" + value + ": expected url, binary, container or embedded");
    }
    return Optional.of(value);
  }

  /**
   * Acquires the class's server before anything else runs, so that a missing Redis skips (or, on
   * CI, fails) the class: an exception thrown while resolving a parameter would be reported as an
   * error instead.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RedisServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /** The class's own server or the shared one; stores look in enclosing contexts too. */
  private static RedisServer server(ExtensionContext context) {
    boolean own =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RedisTest.class)
            .map(RedisTest::ownServer)
            .orElse(false);
    if (!own) {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(SHARED, key -> shared(), RedisServer.class);
    }
    RedisServer server = context.getStore(NAMESPACE).get(OWN, RedisServer.class);
    if (server == null) {
      server = RedisProcess.start(List.of(), null);
      LOG.info("{} for {}", server, context.getRequiredTestClass().getSimpleName());
      classContext(context).getStore(NAMESPACE).put(OWN, server);
    }
    return server;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static RedisServer shared() {
    String url = System.getenv("REDIS_URL");
    boolean urlSet = url != null && !url.isBlank();
    String source =
        forcedSource()
            .orElseGet(
                () -> {
                  if (urlSet) {
                    return "url";
                  }
                  if (RedisBinary.onPath().isPresent()) {
                    return "binary";
                  }
                  return dockerAnswers() ? "container" : "embedded";
                });
    RedisServer server =
        switch (source) {
          case "url" -> {
            if (!urlSet) {
              throw new IllegalStateException(
                  "-D" + SOURCE_PROPERTY + "=url but REDIS_URL is unset");
            }
            yield ExternalRedis.at(url.trim());
          }
          case "container" -> {
            if (!dockerAnswers()) {
              throw new IllegalStateException(
                  "-D" + SOURCE_PROPERTY + "=container but no Docker engine answers");
            }
            yield container();
          }
          default -> RedisProcess.start(List.of(), null);
        };
    LOG.info("Shared Redis for this test run: {}", server);
    return server;
  }

  private static boolean dockerAnswers() {
    try {
      return ContainerRedis.dockerAnswers();
    } catch (LinkageError e) {
      return false; // Testcontainers is not on this module's test class path
    }
  }

  private static RedisServer container() {
    return ContainerRedis.start();
  }
}
