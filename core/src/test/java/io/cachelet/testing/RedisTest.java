package io.cachelet.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Redis server: declare a {@link RedisServer} parameter on a test,
 * {@code @BeforeAll}, {@code @BeforeEach} method or constructor.
 *
 * <pre>{@code
 * @RedisTest
 * class PriceCacheTest {
 *   @Test
 *   void cachesPrices(RedisServer redis) {
 *     CacheletConfig config = CacheletConfig.builder().redisUrl(redis.url()).build();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>By default the server is shared by every test class of the run, so use keys of your own (a
 * prefix per class). With {@link #ownServer()} the class gets a server process of its own that it
 * may stop, freeze and restart. See {@link RedisExtension} for where the server comes from.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RedisExtension.class)
public @interface RedisTest {

  /**
   * Whether the class needs a server process of its own, started before its first test and stopped
   * after its last: for tests that stop, freeze or restart it. Never the {@code REDIS_URL} server.
   */
  boolean ownServer() default false;
}
