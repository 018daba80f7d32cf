package io.cachelet.store.redis;

import io.cachelet.config.ConfigException;
import io.cachelet.config.RedisEndpoint;
import io.cachelet.config.Setting;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one PING a store makes before it is handed out. Wrong credentials and an untrusted
 * certificate won't heal by themselves, so they stop start-up with the setting to fix; a server
 * that is down may come back, so it is only logged and the circuit breaker takes over.
 */
final class StartupCheck {

  private static final Logger LOG = LoggerFactory.getLogger(StartupCheck.class);

  private StartupCheck() {}

  static void run(UnifiedJedis redis, RedisEndpoint endpoint) {
    try {
      redis.ping();
    } catch (JedisException e) {
      if (isAuthFailure(e)) {
        throw new ConfigException(
            Setting.REDIS_PASSWORD.environmentVariable(),
            "Redis at "
                + endpoint.redacted()
                + " rejected the credentials ("
                + e.getMessage()
                + "). Set "
                + Setting.REDIS_PASSWORD.environmentVariable()
                + " (and "
                + Setting.REDIS_USER.environmentVariable()
                + " for an ACL user), or the user:password part of "
                + Setting.REDIS_URL.environmentVariable()
                + ", to credentials the server accepts.",
            e);
      }
      SSLException tls = tlsFailure(e);
      if (tls != null) {
        throw new ConfigException(
            Setting.REDIS_TRUSTSTORE.property(),
            "The TLS connection to Redis at "
                + endpoint.redacted()
                + " failed ("
                + tls.getMessage()
                + "). Point "
                + Setting.REDIS_TRUSTSTORE.property()
                + " (or "
                + Setting.REDIS_TRUSTSTORE.environmentVariable()
                + ") at a trust store holding the CA that signed the server's certificate, and make"
                + " sure the host in "
                + Setting.REDIS_URL.environmentVariable()
                + " is one the certificate names ("
                + Setting.REDIS_TLS_VERIFY.property()
                + "=ca skips the host name check).",
            e);
      }
      LOG.warn(
          "Redis at {} does not answer yet ({}). Starting anyway: cache reads are misses and"
              + " writes are dropped until it does.",
          endpoint.redacted(),
          e.getMessage());
    }
  }

  private static boolean isAuthFailure(JedisException e) {
    if (e instanceof JedisAccessControlException) {
      return true;
    }
    String message = String.valueOf(e.getMessage());
    return e instanceof JedisDataException
        && (message.startsWith("NOAUTH") || message.startsWith("WRONGPASS"));
  }

  private static SSLException tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }
}
