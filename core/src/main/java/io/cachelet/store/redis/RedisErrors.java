package io.cachelet.store.redis;

import io.cachelet.store.StoreBusyException;
import io.cachelet.store.StoreException;
import io.cachelet.store.StoreUnavailableException;
import java.io.IOException;
import java.util.Locale;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Sorts Jedis failures into the store's kinds: the server can't be used right now ({@link
 * StoreUnavailableException}, which trips the circuit breaker), every pooled connection is busy
 * ({@link StoreBusyException}, which says nothing about the server), or it answered with an error
 * ({@link StoreException}, e.g. WRONGTYPE).
 */
final class RedisErrors {

  /** The message commons-pool's borrow timeout reaches us with; it is a plain JedisException. */
  private static final String POOL_EXHAUSTED = "Could not get a resource from the pool";

  private RedisErrors() {}

  /** Whether {@code e} says the connection itself failed, so pooled idle sockets are suspect. */
  static boolean isConnectionFailure(JedisException e) {
    return e instanceof JedisConnectionException;
  }

  static StoreException translate(String operation, JedisException e) {
    String message = "Redis " + operation + " failed: " + e.getMessage();
    if (isPoolExhausted(e)) {
      return new StoreBusyException(message, e);
    }
    if (isUnavailable(e)) {
      return new StoreUnavailableException(message, e);
    }
    return new StoreException(message, e);
  }

  /**
   * The pool had no free connection within its wait, and opening one did not fail: a burst, not
   * (yet) a dead server.
   */
  private static boolean isPoolExhausted(JedisException e) {
    return !(e instanceof JedisConnectionException)
        && String.valueOf(e.getMessage()).startsWith(POOL_EXHAUSTED)
        && !causedByIo(e);
  }

  private static boolean isUnavailable(JedisException e) {
    if (e instanceof JedisConnectionException
        || e instanceof JedisClusterOperationException
        || e instanceof JedisBusyException
        // credentials that stopped working (a server restarted with another password) make the
        // server as unusable as a closed port
        || e instanceof JedisAccessControlException) {
      return true;
    }
    if (e instanceof JedisClusterException) {
      String text = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
      return text.startsWith("CLUSTERDOWN") || text.startsWith("TRYAGAIN");
    }
    if (e instanceof JedisDataException) {
      String text = String.valueOf(e.getMessage());
      return text.startsWith("NOAUTH") || text.startsWith("LOADING");
    }
    // a plain JedisException: a broken connection Jedis did not classify
    return causedByIo(e);
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
