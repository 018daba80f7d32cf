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

  @Override
  public long clear(byte[] pattern) {
    return KeySpace.scanAndUnlink(pattern, redis::scan, redis::unlink, ClearPacing.system());
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
