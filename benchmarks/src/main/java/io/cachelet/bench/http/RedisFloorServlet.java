package io.cachelet.bench.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.RedisClient;

/**
 * The floor of any Redis-backed hit: one Jedis GET of the body, written as it is. No envelope, no
 * headers from the store, no freshness check: what a hand-written servlet cache would do at least.
 */
final class RedisFloorServlet extends HttpServlet {

  static final byte[] KEY = "bench:http:floor".getBytes(StandardCharsets.UTF_8);

  private final transient RedisClient redis;

  RedisFloorServlet(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = redis.get(KEY);
    if (body == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
