package io.cachelet.store.redis;

import java.util.Collection;
import java.util.function.Supplier;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * What the store needs of a Redis deployment, whatever its kind: the client every command goes
 * through, how to scan its keys, its connection pools (one per server it writes to), where an extra
 * connection such as a subscription can go, and how connections are configured.
 *
 * @param client the pooled client: {@code RedisClient}, {@code RedisClusterClient} or {@code
 *     RedisSentinelClient}
 * @param keySpace how SCAN reaches every key
 * @param pools the connection pools right now, for figures and for dropping idle connections after
 *     a failure
 * @param anyNode a node to open a dedicated connection to, asked anew at each connection (the
 *     current master, or the next cluster node in turn)
 * @param clientConfig timeouts, credentials, database and TLS of every connection
 */
record Deployment(
    UnifiedJedis client,
    KeySpace keySpace,
    Supplier<Collection<? extends Pool<Connection>>> pools,
    Supplier<HostAndPort> anyNode,
    JedisClientConfig clientConfig) {}
