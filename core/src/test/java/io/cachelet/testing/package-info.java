/**
 * Test fixtures other modules reuse through core's test jar: a real Redis server per test run or
 * per test class ({@link io.cachelet.testing.RedisTest}, {@link io.cachelet.testing.RedisServer}),
 * a Redis Cluster ({@link io.cachelet.testing.RedisCluster}) and a sentinel group ({@link
 * io.cachelet.testing.RedisSentinelGroup}) of the test's own processes, and {@link
 * io.cachelet.testing.PortMethods}, which pins what a store decorator passes straight through.
 */
package io.cachelet.testing;
