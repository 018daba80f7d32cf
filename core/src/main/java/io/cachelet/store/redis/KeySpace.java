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

  /** How many keys one SCAN step of {@link #clear} asks for, and the most one UNLINK deletes. */
  int CLEAR_BATCH = ClearPacing.STEP_KEYS;

  /**
   * Deletes the keys matching {@code pattern}, batch by batch and paced (see {@link ClearPacing});
   * returns how many.
   */
  long clear(byte[] pattern);

  /**
   * One page of the keys matching {@code pattern}; see {@link io.cachelet.store.CacheStore#scan}.
   */
  ScanPage scan(byte[] pattern, String cursor, int count);

  /**
   * SCAN with MATCH on one server until its cursor comes back to 0, handing each batch found to
   * {@code unlink} in chunks of at most {@link #CLEAR_BATCH} keys (SCAN's COUNT is a hint, and a
   * step may find more): the server never blocks on the whole key space (as KEYS would), and UNLINK
   * frees the memory in the background. After each step but the last, {@code pacing} rests so that
   * other clients get the server in between. Returns how many keys {@code unlink} reported deleted.
   */
  static long scanAndUnlink(
      byte[] pattern,
      BiFunction<byte[], ScanParams, ScanResult<byte[]>> scan,
      ToLongFunction<byte[][]> unlink,
      ClearPacing pacing) {
    ScanParams params = new ScanParams().match(pattern).count(CLEAR_BATCH);
    String cursor = ScanPage.START;
    long deleted = 0;
    while (true) {
      long started = pacing.stepStarts();
      ScanResult<byte[]> step = scan.apply(cursor.getBytes(UTF_8), params);
      List<byte[]> found = step.getResult();
      for (int from = 0; from < found.size(); from += CLEAR_BATCH) {
        List<byte[]> chunk = found.subList(from, Math.min(found.size(), from + CLEAR_BATCH));
        deleted += unlink.applyAsLong(chunk.toArray(new byte[0][]));
      }
      cursor = new String(step.getCursorAsBytes(), UTF_8);
      if (ScanPage.START.equals(cursor)) {
        return deleted;
      }
      pacing.restAfterStepStartedAt(started);
    }
  }
}
