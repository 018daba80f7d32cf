/**
 * The Redis store on Jedis ({@link io.cachelet.store.redis.RedisStore}) — one server, a Redis
 * Cluster or a master found through Sentinel — with pooled connections, short timeouts and a
 * bounded pool wait, so that a slow or absent server costs little; the resilient decorator turns
 * its failures into misses. Also the near cache's invalidation bus over Redis pub/sub, or over
 * server-assisted tracking.
 */
package io.cachelet.store.redis;
