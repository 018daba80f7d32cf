package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachelet.store.ScanPage;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * How SCAN reaches every key: on one server (standalone, or the master a sentinel names), or on
 * each primary of a cluster. Implementations throw Jedis' exceptions; the store translates them.
 */
interface KeySpace {

  /** How many keys one SCAN step of {@link #clear} asks for, and so the most one UNLINK deletes. */
  int CLEAR_BATCH = 1000;

  /** Deletes the keys matching {@code pattern}, batch by batch; returns how many. */
  long clear(byte[] pattern);

  /**
   * One page of the keys matching {@code pattern}; see {@link io.cachelet.store.CacheStore#scan}.
   */
  ScanPage scan(byte[] pattern, String cursor, int count);

  /**
   * SCAN with MATCH on one server until its cursor comes back to 0, handing each batch found to
   * {@code unlink}: the server never blocks on the whole key space (as KEYS would), and UNLINK
   * frees the memory in the background. Returns how many keys {@code unlink} reported deleted.
   */
  static long scanAndUnlink(
      byte[] pattern,
      BiFunction<byte[], ScanParams, ScanResult<byte[]>> scan,
      ToLongFunction<byte[][]> unlink) {
    ScanParams params = new ScanParams().match(pattern).count(CLEAR_BATCH);
    String cursor = ScanPage.START;
    long deleted = 0;
    do {
      ScanResult<byte[]> step = scan.apply(cursor.getBytes(UTF_8), params);
      List<byte[]> found = step.getResult();
      if (!found.isEmpty()) {
        deleted += unlink.applyAsLong(found.toArray(new byte[0][]));
      }
      cursor = new String(step.getCursorAsBytes(), UTF_8);
    } while (!ScanPage.START.equals(cursor));
    return deleted;
  }
}
