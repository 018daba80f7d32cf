package io.cachelet.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.store.StoreBusyException;
import io.cachelet.store.StoreException;
import io.cachelet.store.StoreUnavailableException;
import java.net.SocketTimeoutException;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Which Jedis failures trip the breaker, including the ones a single server can't produce. */
class RedisErrorsTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new JedisConnectionException("Connection refused"), true),
        Arguments.of(
            new JedisConnectionException(new SocketTimeoutException("Read timed out")), true),
        Arguments.of(
            new JedisConnectionException(
                "Could not get a resource from the pool",
                new JedisConnectionException("Failed to connect to any host resolved")),
            true),
        Arguments.of(new JedisClusterOperationException("No more cluster attempts left"), true),
        Arguments.of(new JedisClusterException("CLUSTERDOWN The cluster is down"), true),
        Arguments.of(new JedisClusterException("TRYAGAIN Multiple keys request"), true),
        Arguments.of(new JedisBusyException("BUSY Redis is busy running a script"), true),
        Arguments.of(new JedisAccessControlException("WRONGPASS invalid password"), true),
        Arguments.of(new JedisDataException("LOADING Redis is loading the dataset"), true),
        Arguments.of(
            new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind"),
            false),
        Arguments.of(new JedisDataException("ERR value is not an integer or out of range"), false),
        Arguments.of(
            new JedisClusterException("CROSSSLOT Keys don't hash to the same slot"), false),
        Arguments.of(new JedisException("Something Jedis did not expect"), false));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void aFailureIsUnavailableExactlyWhenTheServerCantBeUsedRightNow(
      JedisException failure, boolean unavailable) {
    StoreException translated = RedisErrors.translate("GET", failure);
    assertThat(translated instanceof StoreUnavailableException).isEqualTo(unavailable);
    assertThat(translated).hasCause(failure).hasMessageStartingWith("Redis GET failed: ");
  }

  @Test
  void anExhaustedPoolIsBusyNotUnavailable() {
    JedisException exhausted =
        new JedisException(
            "Could not get a resource from the pool",
            new NoSuchElementException("Timeout waiting for idle object"));
    assertThat(RedisErrors.translate("GET", exhausted)).isInstanceOf(StoreBusyException.class);
  }
}
