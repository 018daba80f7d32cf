/**
 * Test fixtures other modules reuse through core's test jar: a real Redis server per test run or
 * per test class ({@link io.cachelet.testing.RedisTest}, {@link io.cachelet.testing.RedisServer}).
 */
package io.cachelet.testing;
