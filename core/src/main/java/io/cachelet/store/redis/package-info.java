/**
 * The Redis store on Jedis ({@link io.cachelet.store.redis.RedisStore}): pooled connections with
 * short timeouts and a bounded pool wait, so that a slow or absent server costs little; the
 * resilient decorator turns its failures into misses.
 */
package io.cachelet.store.redis;
