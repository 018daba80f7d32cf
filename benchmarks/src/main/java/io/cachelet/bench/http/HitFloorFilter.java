package io.cachelet.bench.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What a perfect cache would cost in this container: a filter that answers every request itself
 * with the fields a Cachelet hit sends ({@code X-Cache}, {@code Cache-Status}, {@code Age}, {@code
 * Content-Type}, {@code Vary}, {@code ETag}, a length) and the body, all constants. The {@code
 * hit-floor} scenario, against {@code raw}, shows what being a filter and sending those fields
 * costs before any caching logic runs.
 */
final class HitFloorFilter implements Filter {

  private final byte[] body;

  HitFloorFilter(byte[] body) {
    this.body = body;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException {
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader("X-Cache", "HIT");
    http.setHeader("Cache-Status", "Cachelet; hit; ttl=3599");
    http.setHeader("Age", "0");
    http.setContentType("application/json");
    http.addHeader("Vary", "Accept-Encoding");
    http.setHeader("ETag", "\"Hfe4amuXOt8WwDrLclmhFhVoPBpA8OUaw5quzzf8O5A\"");
    http.setContentLengthLong(body.length);
    http.getOutputStream().write(body);
  }
}
