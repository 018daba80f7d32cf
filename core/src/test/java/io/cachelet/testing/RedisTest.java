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
 *
 * <p>Other modules get the fixture from core's test jar, and add the fallbacks they want to their
 * test class path (versions come from the parent):
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.cachelet</groupId>
 *   <artifactId>cachelet-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * <!-- optional: a container when there is Docker but no redis-server -->
 * <dependency>
 *   <groupId>org.testcontainers</groupId>
 *   <artifactId>testcontainers</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * <!-- optional, the last resort: a redis-server binary inside a jar -->
 * <dependency>
 *   <groupId>com.github.codemonstur</groupId>
 *   <artifactId>embedded-redis</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
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
