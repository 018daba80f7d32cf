package io.cachelet.bench.method;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import redis.clients.jedis.ClientSetInfoConfig;

/**
 * The peer: Spring {@code @Cacheable} on a CGLIB-proxied bean, with Spring Data Redis' {@code
 * RedisCacheManager} over {@code JedisConnectionFactory} (its default, unified-Jedis path, pooled)
 * and a typed Jackson serializer using the same mapper configuration as every other path. No Spring
 * Boot; everything else at its default.
 */
final class SpringPeer implements AutoCloseable {

  private final AnnotationConfigApplicationContext context;
  private final CatalogService service;

  private SpringPeer(AnnotationConfigApplicationContext context) {
    this.context = context;
    this.service = context.getBean(CatalogService.class);
  }

  static SpringPeer start(String host, int port) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(RedisAddress.class, () -> new RedisAddress(host, port));
    context.register(SpringConfig.class);
    context.refresh();
    return new SpringPeer(context);
  }

  void prime() {
    context.getBean(CacheManager.class).getCache("catalog").clear();
    service.catalog(Paths.ID);
  }

  Catalog hit() {
    return service.catalog(Paths.ID);
  }

  long invocations() {
    return service.invocations();
  }

  @Override
  public void close() {
    context.close();
  }

  record RedisAddress(String host, int port) {}

  /**
   * The cached bean: a class, so Spring proxies it with CGLIB. Its state is read through methods:
   * the proxy's own fields are not the target's.
   */
  static class CatalogService {
    private final AtomicLong invocations = new AtomicLong();

    @Cacheable("catalog")
    public Catalog catalog(long id) {
      invocations.incrementAndGet();
      return Catalog.of(id);
    }

    public long invocations() {
      return invocations.get();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class SpringConfig {

    @Bean
    JedisConnectionFactory connectionFactory(RedisAddress address) {
      JedisClientConfiguration client =
          JedisClientConfiguration.builder()
              .customizeClientConfig(c -> c.clientSetInfoConfig(ClientSetInfoConfig.DISABLED))
              .usePooling()
              .build();
      return new JedisConnectionFactory(
          new RedisStandaloneConfiguration(address.host(), address.port()), client);
    }

    // Jackson2JsonRedisSerializer is deprecated for removal in Spring Data Redis 4; it is still
    // what the peer was measured with, and what most applications on Jackson 2 use
    @SuppressWarnings("removal")
    @Bean
    RedisCacheManager cacheManager(JedisConnectionFactory connectionFactory) {
      var serializer = new Jackson2JsonRedisSerializer<>(Catalog.mapper(), Catalog.class);
      var config =
          RedisCacheConfiguration.defaultCacheConfig()
              .serializeValuesWith(SerializationPair.fromSerializer(serializer));
      return RedisCacheManager.builder(connectionFactory).cacheDefaults(config).build();
    }

    @Bean
    CatalogService catalogService() {
      return new CatalogService();
    }
  }
}
