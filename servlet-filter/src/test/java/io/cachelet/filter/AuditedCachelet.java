package io.cachelet.filter;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.redis.RedisStore;
import io.cachelet.store.resilient.ResilientStore;
import io.cachelet.testing.RedisServer;
import java.time.Clock;
import java.util.List;

/**
 * A Redis process of its own, an {@link AuditingStore} on it under the circuit breaker, and a
 * Cachelet over both: what the hostile-input properties run against.
 */
final class AuditedCachelet implements AutoCloseable {

  final RedisServer redis;
  final AuditingStore audit;
  final Cachelet cachelet;

  private AuditedCachelet(RedisServer redis, AuditingStore audit, Cachelet cachelet) {
    this.redis = redis;
    this.audit = audit;
    this.cachelet = cachelet;
  }

  /** Starts {@code redis-server} with {@code redisArguments}; keys start with {@code keyPrefix}. */
  static AuditedCachelet start(String keyPrefix, List<String> redisArguments) {
    RedisServer redis = RedisServer.start(redisArguments);
    CacheletConfig config =
        CacheletConfig.builder().redisUrl(redis.url()).keyPrefix(keyPrefix).build();
    AuditingStore audit = new AuditingStore(RedisStore.connect(config));
    Cachelet cachelet =
        Cachelet.create(config, ResilientStore.wrap(audit, config), Clock.systemUTC());
    return new AuditedCachelet(redis, audit, cachelet);
  }

  @Override
  public void close() {
    try {
      cachelet.close();
    } finally {
      redis.close();
    }
  }
}
