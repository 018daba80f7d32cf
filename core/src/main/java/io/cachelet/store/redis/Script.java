package io.cachelet.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 (EVALSHA), sent in full (EVAL) only when the server does not know
 * it yet, e.g. after a restart or SCRIPT FLUSH.
 */
final class Script {

  private final byte[] source;
  private final byte[] sha1;

  private Script(String source) {
    this.source = source.getBytes(StandardCharsets.UTF_8);
    this.sha1 = HexFormat.of().formatHex(digest(this.source)).getBytes(StandardCharsets.US_ASCII);
  }

  static Script of(String source) {
    return new Script(source);
  }

  Object run(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
    try {
      return redis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args);
    }
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      // every JDK must provide SHA-1 (MessageDigest's documented requirements)
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
