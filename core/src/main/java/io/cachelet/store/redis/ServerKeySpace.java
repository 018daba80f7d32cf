package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachelet.store.ScanPage;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The key space of one server: SCAN and UNLINK through the client, which knows the master. */
final class ServerKeySpace implements KeySpace {

  private final UnifiedJedis redis;

  ServerKeySpace(UnifiedJedis redis) {
    this.redis = redis;
  }

  /**
   * SCAN with MATCH, then UNLINK of each batch found: the server never blocks on the whole key
   * space (as KEYS would), and the memory is freed in the background.
   */
  @Override
  public long clear(byte[] pattern) {
    ScanParams params = new ScanParams().match(pattern).count(CLEAR_BATCH);
    String cursor = ScanPage.START;
    long deleted = 0;
    do {
      ScanResult<byte[]> step = redis.scan(cursor.getBytes(UTF_8), params);
      List<byte[]> found = step.getResult();
      if (!found.isEmpty()) {
        deleted += redis.unlink(found.toArray(new byte[0][]));
      }
      cursor = new String(step.getCursorAsBytes(), UTF_8);
    } while (!ScanPage.START.equals(cursor));
    return deleted;
  }

  @Override
  public ScanPage scan(byte[] pattern, String cursor, int count) {
    if (!cursor.matches("\\d{1,20}")) {
      throw new IllegalArgumentException("Invalid scan cursor '" + cursor + "'");
    }
    ScanParams params = new ScanParams().match(pattern).count(count);
    ScanResult<byte[]> page = redis.scan(cursor.getBytes(UTF_8), params);
    List<String> keys = page.getResult().stream().map(k -> new String(k, UTF_8)).toList();
    return new ScanPage(keys, new String(page.getCursorAsBytes(), UTF_8));
  }
}
